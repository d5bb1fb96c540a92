// Tracing one message's execution: the interface the VM and the EVM actor report to, and the recorder
// that keeps what they report as a call tree.

export * from './execution-tracer.ts';
export * from './call-tree-recorder.ts';
export { traceSend } from './trace-send.ts';
