//! Test-only fault injection. Compiled to nothing unless the `test-hooks` cargo feature is on,
//! which release builds never enable.
//!
//! With the feature, `VAUTH_TEST_CRASH=<point>` aborts the process (as `kill -9` would, no
//! cleanup) when execution reaches the named point, so tests can prove crash safety;
//! `VAUTH_TEST_PANIC` makes the run panic, to test the panic hook.

/// Abort here if the test asked for a crash at `point`.
#[cfg(feature = "test-hooks")]
pub fn crash_point(point: &str) {
    if crate::config::env::get("VAUTH_TEST_CRASH").as_deref() == Some(point) {
        std::process::abort();
    }
}

/// Without `test-hooks`: nothing.
#[cfg(not(feature = "test-hooks"))]
#[inline(always)]
pub fn crash_point(_point: &str) {}

/// Panic here if the test asked for one (`VAUTH_TEST_PANIC` set), to test the panic hook.
#[cfg(feature = "test-hooks")]
pub fn panic_point() {
    if crate::config::env::is_set("VAUTH_TEST_PANIC") {
        panic!("test-requested panic");
    }
}

/// Without `test-hooks`: nothing.
#[cfg(not(feature = "test-hooks"))]
#[inline(always)]
pub fn panic_point() {}
