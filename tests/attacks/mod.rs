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

/// Every test SECURITY.md names as the proof of a promise exists (a renamed or deleted attack
/// would otherwise leave a promise without its proof).
#[test]
fn security_md_names_only_tests_that_exist() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("SECURITY.md")).unwrap();
    let mut sources = String::new();
    let mut dirs = vec![root.join("tests")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                sources.push_str(&std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    let mut named = 0;
    for span in doc.split('`').skip(1).step_by(2) {
        let name = span.rsplit("::").next().unwrap_or(span);
        let looks_like_test = name.len() > 12
            && name.contains('_')
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !looks_like_test {
            continue;
        }
        named += 1;
        assert!(
            sources.contains(&format!("fn {name}(")),
            "SECURITY.md names `{span}`, which is not a test in tests/"
        );
    }
    assert!(named >= 40, "SECURITY.md names only {named} tests");
}
