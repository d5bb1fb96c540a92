// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title CommitmentRegistry
/// @notice A layer-2's checkpoints on Filecoin, optimistic style: the sequencer posts each state root
/// with a FIL bond; during the challenge window the challenger (a watcher with the fraud proof checked
/// off chain, standing in for a proof system) can remove it and takes the bond; after the window anyone
/// finalizes it and the bond goes back to the sequencer. The window is in seconds of block time; the
/// block number of each submission is kept so that an L2 node can find the transaction that posted it.
contract CommitmentRegistry {
    enum Status { None, Pending, Challenged, Finalized }

    struct Checkpoint {
        bytes32 root;
        uint64 l2Block;
        uint64 submittedAt;
        uint64 submittedBlock;
        Status status;
    }

    address public immutable sequencer;
    address public immutable challenger;
    uint64 public immutable challengeWindow;
    uint256 public immutable bond;

    Checkpoint[] public checkpoints;
    uint256 public lastFinalized = type(uint256).max;

    event Submitted(uint256 indexed index, bytes32 indexed root, uint64 l2Block, uint64 challengeEnds);
    event Challenged(uint256 indexed index, bytes32 indexed root, address challenger);
    event Finalized(uint256 indexed index, bytes32 indexed root);

    constructor(address sequencer_, address challenger_, uint64 challengeWindow_, uint256 bond_) {
        sequencer = sequencer_;
        challenger = challenger_;
        challengeWindow = challengeWindow_;
        bond = bond_;
    }

    function submit(bytes32 root, uint64 l2Block) external payable returns (uint256 index) {
        require(msg.sender == sequencer, "Commitments: not the sequencer");
        require(msg.value == bond, "Commitments: wrong bond");
        index = checkpoints.length;
        checkpoints.push(Checkpoint(root, l2Block, uint64(block.timestamp), uint64(block.number), Status.Pending));
        emit Submitted(index, root, l2Block, uint64(block.timestamp) + challengeWindow);
    }

    /// @notice Removes a pending checkpoint while its window is open; the bond goes to the challenger.
    function challenge(uint256 index) external {
        require(msg.sender == challenger, "Commitments: not the challenger");
        Checkpoint storage c = checkpoints[index];
        require(c.status == Status.Pending, "Commitments: not pending");
        require(block.timestamp < c.submittedAt + challengeWindow, "Commitments: challenge window closed");
        c.status = Status.Challenged;
        emit Challenged(index, c.root, msg.sender);
        _send(challenger, bond);
    }

    /// @notice Finalizes a pending checkpoint once its window has passed; the bond goes back to the sequencer.
    /// Checkpoints finalize in order, skipping challenged ones.
    function finalize(uint256 index) external {
        Checkpoint storage c = checkpoints[index];
        require(c.status == Status.Pending, "Commitments: not pending");
        require(block.timestamp >= c.submittedAt + challengeWindow, "Commitments: still in challenge window");
        for (uint256 i = lastFinalized == type(uint256).max ? 0 : lastFinalized + 1; i < index; i++) {
            require(checkpoints[i].status == Status.Challenged, "Commitments: an earlier checkpoint is pending");
        }
        c.status = Status.Finalized;
        lastFinalized = index;
        emit Finalized(index, c.root);
        _send(sequencer, bond);
    }

    function _send(address to, uint256 value) private {
        (bool ok,) = payable(to).call{value: value}("");
        require(ok, "Commitments: transfer failed");
    }
}
