// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title FilecoinPrecompiles
/// @notice The FEVM precompiles these examples use, as internal functions (inlined into the contract,
/// so call_actor's DELEGATECALL runs in the calling contract and pays from its balance).
/// Layouts: FIP-0054 "Filecoin precompiles" and the devnet's FEVM-FACTS §5. Filecoin addresses are
/// passed in their binary form: protocol byte ‖ payload (f0: 0x00 ‖ LEB128 id, f1: 0x01 ‖ 20 bytes,
/// f410: 0x04 0x0a ‖ 20-byte Ethereum address).
library FilecoinPrecompiles {
    address internal constant RESOLVE_ADDRESS = 0xFE00000000000000000000000000000000000001;
    address internal constant LOOKUP_DELEGATED_ADDRESS = 0xfE00000000000000000000000000000000000002;
    address internal constant CALL_ACTOR = 0xfe00000000000000000000000000000000000003;
    address internal constant CALL_ACTOR_ID = 0xfe00000000000000000000000000000000000005;

    /// Filecoin method 0: a plain value transfer (no code runs at the recipient).
    uint64 internal constant METHOD_SEND = 0;

    error CallActorFailed(int256 exitCode);

    /// @notice The actor id behind a Filecoin address (f0, f1, f2, f410…); `found` is false when no actor
    /// has it yet. An unparsable address reverts.
    function resolveAddress(bytes memory filecoinAddress) internal view returns (bool found, uint64 actorId) {
        (bool ok, bytes memory out) = RESOLVE_ADDRESS.staticcall(filecoinAddress);
        require(ok, "FilecoinPrecompiles: unparsable address");
        if (out.length == 0) return (false, 0);
        return (true, abi.decode(out, (uint64)));
    }

    /// @notice The delegated (f4) address of an actor, or empty bytes if it has none (e.g. an f1 account).
    function lookupDelegatedAddress(uint64 actorId) internal view returns (bytes memory) {
        (bool ok, bytes memory out) = LOOKUP_DELEGATED_ADDRESS.staticcall(abi.encode(actorId));
        require(ok, "FilecoinPrecompiles: lookup_delegated_address failed");
        return out;
    }

    /// @notice Calls a Filecoin actor by address (call_actor). abi.encode of these six values is exactly
    /// the precompile's input: method, value, flags, codec, then offsets to params and the address.
    function callActor(bytes memory target, uint64 method, uint256 value, uint64 codec, bytes memory params)
        internal
        returns (int256 exitCode, uint64 returnCodec, bytes memory returnData)
    {
        (bool ok, bytes memory out) = CALL_ACTOR.delegatecall(abi.encode(method, value, uint64(0), codec, params, target));
        require(ok, "FilecoinPrecompiles: call_actor refused");
        return abi.decode(out, (int256, uint64, bytes));
    }

    /// @notice Calls a Filecoin actor by actor id (call_actor_id).
    function callActorId(uint64 actorId, uint64 method, uint256 value, uint64 codec, bytes memory params)
        internal
        returns (int256 exitCode, uint64 returnCodec, bytes memory returnData)
    {
        (bool ok, bytes memory out) = CALL_ACTOR_ID.delegatecall(abi.encode(method, value, uint64(0), codec, params, actorId));
        require(ok, "FilecoinPrecompiles: call_actor_id refused");
        return abi.decode(out, (int256, uint64, bytes));
    }

    /// @notice Sends `value` attoFIL to a Filecoin address with method 0. An f1 address that has no actor
    /// yet gets one (an account), as on Filecoin. Reverts with the exit code if the send fails
    /// (syscall errors come back as negative numbers, e.g. -5 for insufficient funds).
    function sendFil(bytes memory filecoinAddress, uint256 value) internal {
        (int256 exitCode,,) = callActor(filecoinAddress, METHOD_SEND, value, 0, "");
        if (exitCode != 0) revert CallActorFailed(exitCode);
    }

    /// @notice Sends `value` attoFIL to an actor id with method 0.
    function sendFilToId(uint64 actorId, uint256 value) internal {
        (int256 exitCode,,) = callActorId(actorId, METHOD_SEND, value, 0, "");
        if (exitCode != 0) revert CallActorFailed(exitCode);
    }

    /// @notice Pays a recipient given as bytes: 20 bytes are an Ethereum address (paid with a CALL, so a
    /// contract's receive() runs); anything else is a binary Filecoin address (paid by call_actor method 0).
    /// Filecoin binary addresses are never 20 bytes long (f0 is 2-11, f1/f2 21, f410 22), so this is unambiguous.
    function pay(bytes memory recipient, uint256 value) internal {
        if (recipient.length == 20) {
            (bool ok,) = payable(address(bytes20(recipient))).call{value: value}("");
            require(ok, "FilecoinPrecompiles: payment refused");
        } else {
            sendFil(recipient, value);
        }
    }

    /// @notice The binary f410 address of an Ethereum address (namespace 10 = the EAM).
    function f410(address ethAddress) internal pure returns (bytes memory) {
        return abi.encodePacked(uint8(4), uint8(10), ethAddress);
    }
}
