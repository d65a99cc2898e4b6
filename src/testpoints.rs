//! Test-only fault injection. Compiled to nothing unless the `test-hooks` cargo feature is on,
//! which release builds never enable.
//!
//! With the feature, `VAUTH_TEST_CRASH=<point>` aborts the process (as `kill -9` would, no
//! cleanup) when execution reaches the named point, so tests can prove crash safety;
//! `VAUTH_TEST_PANIC` makes the run panic, to test the panic hook; `VAUTH_TEST_NOW` sets the
//! clock a run acts at.

/// Die here — SIGKILL, as a runner that vanishes would — if the test asked for a crash at
/// `point` (abort if `kill` cannot be run).
#[cfg(feature = "test-hooks")]
pub fn crash_point(point: &str) {
    if crate::env::get("VAUTH_TEST_CRASH").as_deref() == Some(point) {
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &std::process::id().to_string()])
            .status();
        std::thread::sleep(std::time::Duration::from_secs(5));
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
    if crate::env::is_set("VAUTH_TEST_PANIC") {
        panic!("test-requested panic");
    }
}

/// Without `test-hooks`: nothing.
#[cfg(not(feature = "test-hooks"))]
#[inline(always)]
pub fn panic_point() {}

/// With `test-hooks`: `VAUTH_TEST_NOW=<RFC 3339>` is the time a run acts at. `commands::run`
/// reads it once into `Ctx.now`, which the verbs pass down (the session, audit lines, expiry and
/// grace, certificate validity), so a test can step past a grace period or issue a certificate
/// whose validity already ended. A value that is not RFC 3339 is ignored (the real clock).
#[cfg(feature = "test-hooks")]
pub fn now_override() -> Option<time::OffsetDateTime> {
    let v = crate::env::get("VAUTH_TEST_NOW")?;
    time::OffsetDateTime::parse(&v, &time::format_description::well_known::Rfc3339).ok()
}

/// Without `test-hooks`: never.
#[cfg(not(feature = "test-hooks"))]
#[inline(always)]
pub fn now_override() -> Option<time::OffsetDateTime> {
    None
}
