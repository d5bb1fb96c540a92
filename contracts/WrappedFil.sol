// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {FilecoinPrecompiles} from "./lib/FilecoinPrecompiles.sol";

/// @title WrappedFil (WFIL)
/// @notice An ERC-20 backed one to one by FIL held in this contract: deposit FIL to mint, withdraw to
/// burn and get the FIL back, or withdrawTo a Filecoin address (f0, f1, f410 in binary form), paid
/// with call_actor method 0 so that an f1 wallet that has never been on chain receives it too.
contract WrappedFil {
    string public constant name = "Wrapped FIL";
    string public constant symbol = "WFIL";
    uint8 public constant decimals = 18;

    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    event Deposit(address indexed account, uint256 value);
    event Withdrawal(address indexed account, bytes recipient, uint256 value);

    receive() external payable {
        deposit();
    }

    function deposit() public payable {
        balanceOf[msg.sender] += msg.value;
        totalSupply += msg.value;
        emit Deposit(msg.sender, msg.value);
        emit Transfer(address(0), msg.sender, msg.value);
    }

    /// @notice Burns `value` WFIL and sends the FIL to the caller.
    function withdraw(uint256 value) external {
        _burn(msg.sender, value);
        emit Withdrawal(msg.sender, abi.encodePacked(msg.sender), value);
        (bool ok,) = payable(msg.sender).call{value: value}("");
        require(ok, "WFIL: FIL transfer failed");
    }

    /// @notice Burns `value` WFIL and sends the FIL to a Filecoin address in binary form.
    function withdrawTo(bytes calldata filecoinAddress, uint256 value) external {
        _burn(msg.sender, value);
        emit Withdrawal(msg.sender, filecoinAddress, value);
        FilecoinPrecompiles.sendFil(filecoinAddress, value);
    }

    function transfer(address to, uint256 value) external returns (bool) {
        _move(msg.sender, to, value);
        return true;
    }

    function approve(address spender, uint256 value) external returns (bool) {
        allowance[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) {
            require(allowed >= value, "WFIL: allowance exceeded");
            allowance[from][msg.sender] = allowed - value;
        }
        _move(from, to, value);
        return true;
    }

    function _move(address from, address to, uint256 value) private {
        require(balanceOf[from] >= value, "WFIL: balance too low");
        balanceOf[from] -= value;
        balanceOf[to] += value;
        emit Transfer(from, to, value);
    }

    function _burn(address from, uint256 value) private {
        require(balanceOf[from] >= value, "WFIL: balance too low");
        balanceOf[from] -= value;
        totalSupply -= value;
        emit Transfer(from, address(0), value);
    }
}
