// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {FilecoinPrecompiles} from "./lib/FilecoinPrecompiles.sol";

/// @title ReplicationPolicyRegistry
/// @notice What a data owner wants done with a piece (its piece CID, as CID bytes): how many copies, in
/// which regions, at what maximum price per GiB per epoch. Replication workers do not poll storage:
/// they follow the events (eth_getLogs or a filter; on Filecoin the same events are actor events,
/// Filecoin.GetActorEventsRaw), make deals, and the owner's worker reports each replica by the storage
/// provider's Filecoin address (any form: f0, f1, f410…), kept as its actor id (resolve_address) so
/// that one provider counts once whichever address names it, until the policy is satisfied.
contract ReplicationPolicyRegistry {
    struct Policy {
        address owner;
        bytes pieceCid;
        uint16 copies;
        uint16 replicas;
        uint256 maxPricePerGiBEpoch;
        bool active;
    }

    Policy[] public policies;
    mapping(uint256 => string[]) private _regions;
    mapping(uint256 => mapping(uint64 => bool)) public storesReplica;
    mapping(uint256 => address) public worker;

    event PolicyCreated(uint256 indexed id, address indexed owner, bytes pieceCid, uint16 copies, string[] regions, uint256 maxPricePerGiBEpoch);
    event PolicyUpdated(uint256 indexed id, uint16 copies, string[] regions, uint256 maxPricePerGiBEpoch);
    event PolicyRetired(uint256 indexed id);
    event WorkerSet(uint256 indexed id, address indexed worker);
    event ReplicaReported(uint256 indexed id, uint64 indexed provider, uint16 replicas);
    event PolicySatisfied(uint256 indexed id);

    modifier onlyOwner(uint256 id) {
        require(policies[id].owner == msg.sender, "Replication: not the owner");
        _;
    }

    function create(bytes calldata pieceCid, uint16 copies, string[] calldata regions, uint256 maxPricePerGiBEpoch) external returns (uint256 id) {
        require(pieceCid.length > 0, "Replication: no piece CID");
        require(copies > 0, "Replication: no copies");
        id = policies.length;
        policies.push(Policy(msg.sender, pieceCid, copies, 0, maxPricePerGiBEpoch, true));
        _setRegions(id, regions);
        emit PolicyCreated(id, msg.sender, pieceCid, copies, regions, maxPricePerGiBEpoch);
    }

    function update(uint256 id, uint16 copies, string[] calldata regions, uint256 maxPricePerGiBEpoch) external onlyOwner(id) {
        Policy storage p = policies[id];
        require(p.active, "Replication: retired");
        require(copies > 0, "Replication: no copies");
        p.copies = copies;
        p.maxPricePerGiBEpoch = maxPricePerGiBEpoch;
        _setRegions(id, regions);
        emit PolicyUpdated(id, copies, regions, maxPricePerGiBEpoch);
        if (p.replicas >= copies) emit PolicySatisfied(id);
    }

    function retire(uint256 id) external onlyOwner(id) {
        require(policies[id].active, "Replication: retired");
        policies[id].active = false;
        emit PolicyRetired(id);
    }

    /// @notice The owner names the worker that may report replicas for policy `id`.
    function setWorker(uint256 id, address worker_) external onlyOwner(id) {
        worker[id] = worker_;
        emit WorkerSet(id, worker_);
    }

    /// @notice The worker reports that the storage provider at Filecoin address `providerAddress` holds a copy.
    function reportReplica(uint256 id, bytes calldata providerAddress) external {
        (bool found, uint64 provider) = FilecoinPrecompiles.resolveAddress(providerAddress);
        require(found, "Replication: unknown provider");
        Policy storage p = policies[id];
        require(msg.sender == worker[id], "Replication: not the worker");
        require(p.active, "Replication: retired");
        require(!storesReplica[id][provider], "Replication: already reported");
        storesReplica[id][provider] = true;
        p.replicas += 1;
        emit ReplicaReported(id, provider, p.replicas);
        if (p.replicas == p.copies) emit PolicySatisfied(id);
    }

    function _setRegions(uint256 id, string[] calldata regions_) private {
        delete _regions[id];
        for (uint256 i = 0; i < regions_.length; i++) _regions[id].push(regions_[i]);
    }

    function regions(uint256 id) external view returns (string[] memory) {
        return _regions[id];
    }

    function count() external view returns (uint256) {
        return policies.length;
    }
}
