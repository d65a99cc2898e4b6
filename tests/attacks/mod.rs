//! Attacks on vauth, one test per finding of the security review (issue 11) and per promise in
//! SECURITY.md, each written as the attack: an attacker with a realistic foothold (a copy of the
//! home, a malicious pull request to the committed home, another local user, a hostile server, a
//! reader of CI logs) tries the thing, and the test asserts it fails safely.

// The home and its files: vault re-key, state integrity, home_id, Argon2 parameters, counters.
mod store;
// URLs, hooks and servers: userinfo tricks, hook environments, secrets in target URLs.
mod net;
// The file system and inputs: symlinks, directory modes, weak inputs, exit codes, fuzz finds.
mod fs;
