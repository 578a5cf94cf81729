//! signet's HTTP layer: one module per API family, thin handlers, each
//! family's own error bodies, OpenAPI and health endpoints.

pub mod cipher;
pub mod cryptoapi;
