// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {FilecoinPrecompiles} from "./lib/FilecoinPrecompiles.sol";

/// @title StorageBounty
/// @notice A client escrows FIL for a piece (its piece CID, as CID bytes); the storage provider who
/// stores it claims the FIL. The payee is bytes: a 20-byte Ethereum address, or a Filecoin address in
/// binary form (f0, f1, f410…) paid through call_actor, so a provider's f1 owner wallet works too.
///
/// For now a claim is proven by the client's ECDSA signature over (this contract, chain id, bounty id,
/// payee): the client signs once it has seen the deal on chain. Once the devnet has a storage market
/// actor, the check belongs there instead: call the market's GetDealDataCommitment / GetDealActivation
/// (FRC-42 methods) through call_actor_id and pay if the deal's piece CID matches and it is active.
contract StorageBounty {
    struct Bounty {
        address client;
        bytes pieceCid;
        uint256 reward;
        uint64 expiresAt;
        bool open;
    }

    Bounty[] public bounties;

    event BountyPosted(uint256 indexed id, address indexed client, bytes pieceCid, uint256 reward, uint64 expiresAt);
    event BountyClaimed(uint256 indexed id, bytes payee, uint256 reward);
    event BountyCancelled(uint256 indexed id);

    /// @notice Escrows msg.value for whoever stores `pieceCid`; the client may take it back after `expiresAt`.
    function post(bytes calldata pieceCid, uint64 expiresAt) external payable returns (uint256 id) {
        require(msg.value > 0, "StorageBounty: no reward");
        require(pieceCid.length > 0, "StorageBounty: no piece CID");
        require(expiresAt > block.timestamp, "StorageBounty: expiry in the past");
        id = bounties.length;
        bounties.push(Bounty(msg.sender, pieceCid, msg.value, expiresAt, true));
        emit BountyPosted(id, msg.sender, pieceCid, msg.value, expiresAt);
    }

    /// @notice What the client signs (EIP-191 personal message over these 32 bytes) to release bounty `id` to `payee`.
    function claimDigest(uint256 id, bytes calldata payee) public view returns (bytes32) {
        return keccak256(abi.encode(address(this), block.chainid, id, keccak256(payee)));
    }

    /// @notice Pays bounty `id` to `payee` (Ethereum address or binary Filecoin address) with the client's consent.
    function claim(uint256 id, bytes calldata payee, bytes calldata clientSignature) external {
        Bounty storage bounty = bounties[id];
        require(bounty.open, "StorageBounty: not open");
        require(_signer(claimDigest(id, payee), clientSignature) == bounty.client, "StorageBounty: not signed by the client");
        bounty.open = false;
        emit BountyClaimed(id, payee, bounty.reward);
        FilecoinPrecompiles.pay(payee, bounty.reward);
    }

    /// @notice Gives the reward back to the client once the bounty has expired unclaimed.
    function cancel(uint256 id) external {
        Bounty storage bounty = bounties[id];
        require(bounty.open, "StorageBounty: not open");
        require(msg.sender == bounty.client, "StorageBounty: not the client");
        require(block.timestamp >= bounty.expiresAt, "StorageBounty: not expired");
        bounty.open = false;
        emit BountyCancelled(id);
        (bool ok,) = payable(bounty.client).call{value: bounty.reward}("");
        require(ok, "StorageBounty: refund failed");
    }

    /// The address that signed `digest` as an EIP-191 personal message (ecrecover, precompile 0x01).
    function _signer(bytes32 digest, bytes calldata signature) private pure returns (address) {
        require(signature.length == 65, "StorageBounty: bad signature length");
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        // Only the lower half of s, as Ethereum requires since Homestead (no malleable twins).
        require(uint256(s) <= 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0, "StorageBounty: bad signature");
        address signer = ecrecover(keccak256(abi.encodePacked("\x19Ethereum Signed Message:\n32", digest)), v, r, s);
        require(signer != address(0), "StorageBounty: bad signature");
        return signer;
    }
}
