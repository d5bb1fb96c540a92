// What one caller may ask of the gateway at most (docs/security.md): filters (Lotus's 100 and its
// one-hour FilterTTL), eth_getLogs's block range (Lotus's MaxFilterHeightRange, 2,880) and results,
// WebSocket subscriptions per connection, and the gas an eth_call or eth_estimateGas may ask for
// (the block gas limit unless a lower cap is set). Body size and batch size are the server's and the
// dispatcher's (server/create-server.ts, rpc/dispatch.ts). Each limit, when hit, is a JSON-RPC error
// that says which limit and how to stay under it; the node keeps serving.

import { RpcError, type CallRequest } from '../rpc/index.ts';

export interface GatewayLimits {
  /** Filters (eth_newFilter and kin) at once (100). */
  maxFilters: number;
  /** A filter not polled for this long is dropped, in ms (one hour). */
  filterTtlMs: number;
  /** Tipsets one eth_getLogs (or eth_getFilterLogs) may cover (2,880). */
  maxLogRange: number;
  /** Logs one eth_getLogs may answer (10,000). */
  maxLogResults: number;
  /** eth_subscribe subscriptions on one WebSocket connection (100). */
  maxSubscriptions: number;
  /** Most gas an eth_call or eth_estimateGas may ask for, and what they run with when they name none (10 billion). */
  callGasCap: bigint;
}

export const DEFAULT_LIMITS: Readonly<GatewayLimits> = Object.freeze({
  maxFilters: 100,
  filterTtlMs: 60 * 60 * 1000,
  maxLogRange: 2880,
  maxLogResults: 10_000,
  maxSubscriptions: 100,
  callGasCap: 10_000_000_000n,
});

/** The defaults with what `given` sets. */
export function gatewayLimits(given: Partial<GatewayLimits> = {}): GatewayLimits {
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<GatewayLimits>;
  return { ...DEFAULT_LIMITS, ...defined };
}

/** JSON-RPC code of a request over one of these limits (Lotus's code for a range over its limit). */
export const LIMIT_EXCEEDED = -32005;

/** The gas an eth_call runs with: the request's, refused over the cap; the cap when it names none. */
export function cappedCallGas(request: CallRequest, cap: bigint, method: string): bigint | undefined {
  if (request.gas !== undefined && request.gas > cap) {
    throw new RpcError(LIMIT_EXCEEDED, `${method} asks for ${request.gas} gas, over this node's call gas cap of ${cap} (--call-gas-cap): ask for less`);
  }
  return request.gas ?? (cap < DEFAULT_LIMITS.callGasCap ? cap : undefined);
}
