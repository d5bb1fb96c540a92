// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// A counter that also remembers when it last moved, for loadFixture and time.* to act on.
contract Counter {
    uint256 public count;
    uint256 public touchedAt;

    function increment() external {
        count += 1;
        touchedAt = block.timestamp;
    }
}
