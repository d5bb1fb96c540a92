// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {FilecoinPrecompiles} from "./lib/FilecoinPrecompiles.sol";

/// @title RetrievalEscrow
/// @notice A client pays for retrieving a piece (piece CID bytes) from a storage provider. The FIL is
/// locked until the retrieval deadline: the client may release it early once it has the data, or
/// dispute before the deadline (an arbiter chosen at opening then decides); otherwise the provider
/// claims it from the deadline on. The provider is paid at an Ethereum address (20 bytes) or a binary
/// Filecoin address (f0, f1, f410) through call_actor.
contract RetrievalEscrow {
    enum State { None, Locked, Disputed, Paid, Refunded }

    struct Escrow {
        address client;
        address arbiter;
        bytes provider;
        bytes pieceCid;
        uint256 amount;
        uint64 deadline;
        State state;
    }

    Escrow[] public escrows;

    event Opened(uint256 indexed id, address indexed client, bytes provider, bytes pieceCid, uint256 amount, uint64 deadline);
    event Disputed(uint256 indexed id);
    event Paid(uint256 indexed id, bytes provider, uint256 amount);
    event Refunded(uint256 indexed id, address client, uint256 amount);

    function open(bytes calldata provider, bytes calldata pieceCid, uint64 deadline, address arbiter) external payable returns (uint256 id) {
        require(msg.value > 0, "Retrieval: no payment");
        require(deadline > block.timestamp, "Retrieval: deadline in the past");
        id = escrows.length;
        escrows.push(Escrow(msg.sender, arbiter, provider, pieceCid, msg.value, deadline, State.Locked));
        emit Opened(id, msg.sender, provider, pieceCid, msg.value, deadline);
    }

    /// @notice The client has the data: pay the provider now.
    function release(uint256 id) external {
        Escrow storage e = escrows[id];
        require(msg.sender == e.client, "Retrieval: not the client");
        require(e.state == State.Locked, "Retrieval: not locked");
        _pay(id, e);
    }

    /// @notice Anyone may pay the provider once the deadline has passed undisputed.
    function claim(uint256 id) external {
        Escrow storage e = escrows[id];
        require(e.state == State.Locked, "Retrieval: not locked");
        require(block.timestamp >= e.deadline, "Retrieval: deadline not reached");
        _pay(id, e);
    }

    /// @notice The client did not get the data: freeze the payment for the arbiter, before the deadline.
    function dispute(uint256 id) external {
        Escrow storage e = escrows[id];
        require(msg.sender == e.client, "Retrieval: not the client");
        require(e.state == State.Locked, "Retrieval: not locked");
        require(block.timestamp < e.deadline, "Retrieval: deadline passed");
        e.state = State.Disputed;
        emit Disputed(id);
    }

    function resolve(uint256 id, bool payProvider) external {
        Escrow storage e = escrows[id];
        require(msg.sender == e.arbiter, "Retrieval: not the arbiter");
        require(e.state == State.Disputed, "Retrieval: not disputed");
        if (payProvider) return _pay(id, e);
        e.state = State.Refunded;
        emit Refunded(id, e.client, e.amount);
        (bool ok,) = payable(e.client).call{value: e.amount}("");
        require(ok, "Retrieval: refund failed");
    }

    function _pay(uint256 id, Escrow storage e) private {
        e.state = State.Paid;
        emit Paid(id, e.provider, e.amount);
        FilecoinPrecompiles.pay(e.provider, e.amount);
    }
}
