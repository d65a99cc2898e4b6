//! See mod.rs.

#[allow(unused_imports)]
use crate::util::TestEnv;
