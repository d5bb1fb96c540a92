// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {FilecoinPrecompiles} from "./lib/FilecoinPrecompiles.sol";

/// @title DataDaoTreasury
/// @notice A data DAO's FIL treasury: members propose paying for a dataset (its piece CID, as CID bytes)
/// and vote; once `quorum` members have approved, anyone may execute the proposal, which pays the FIL to
/// the payee: an Ethereum address (20 bytes) or a Filecoin address in binary form (f0, f1, f410),
/// the latter through call_actor. One member, one vote; the member list is fixed at deployment.
contract DataDaoTreasury {
    struct Proposal {
        address proposer;
        bytes pieceCid;
        bytes payee;
        uint256 amount;
        uint64 deadline;
        uint32 approvals;
        bool executed;
    }

    uint32 public immutable quorum;
    mapping(address => bool) public isMember;
    Proposal[] public proposals;
    mapping(uint256 => mapping(address => bool)) public hasVoted;

    event Funded(address indexed from, uint256 amount);
    event Proposed(uint256 indexed id, address indexed proposer, bytes pieceCid, bytes payee, uint256 amount, uint64 deadline);
    event Voted(uint256 indexed id, address indexed member, uint32 approvals);
    event Executed(uint256 indexed id, bytes payee, uint256 amount);

    modifier onlyMember() {
        require(isMember[msg.sender], "DataDao: not a member");
        _;
    }

    constructor(address[] memory members, uint32 quorum_) {
        require(quorum_ > 0 && quorum_ <= members.length, "DataDao: bad quorum");
        for (uint256 i = 0; i < members.length; i++) isMember[members[i]] = true;
        quorum = quorum_;
    }

    receive() external payable {
        emit Funded(msg.sender, msg.value);
    }

    /// @notice Proposes paying `amount` attoFIL to `payee` for the dataset `pieceCid`; open for votes `votingPeriod` seconds.
    function propose(bytes calldata pieceCid, bytes calldata payee, uint256 amount, uint64 votingPeriod) external onlyMember returns (uint256 id) {
        require(pieceCid.length > 0, "DataDao: no piece CID");
        require(payee.length > 0, "DataDao: no payee");
        id = proposals.length;
        uint64 deadline = uint64(block.timestamp) + votingPeriod;
        proposals.push(Proposal(msg.sender, pieceCid, payee, amount, deadline, 0, false));
        emit Proposed(id, msg.sender, pieceCid, payee, amount, deadline);
    }

    function vote(uint256 id) external onlyMember {
        Proposal storage p = proposals[id];
        require(block.timestamp <= p.deadline, "DataDao: voting closed");
        require(!hasVoted[id][msg.sender], "DataDao: already voted");
        hasVoted[id][msg.sender] = true;
        p.approvals += 1;
        emit Voted(id, msg.sender, p.approvals);
    }

    /// @notice Pays an approved proposal, once. Anyone may call it (the vote is what authorises it).
    function execute(uint256 id) external {
        Proposal storage p = proposals[id];
        require(!p.executed, "DataDao: already executed");
        require(p.approvals >= quorum, "DataDao: quorum not reached");
        require(address(this).balance >= p.amount, "DataDao: treasury too small");
        p.executed = true;
        emit Executed(id, p.payee, p.amount);
        FilecoinPrecompiles.pay(p.payee, p.amount);
    }
}
