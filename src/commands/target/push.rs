//! Moved: `vauth push` is commands/push.rs, the remote service lifecycle::{push, revoke}.

// TODO(refactor-merge): remove once cert/jwt import lifecycle directly
pub(crate) use crate::lifecycle::revoke::revoke_cert_pushes;
