//! man/, completions/ and README's `vauth --help` block must equal what the clap definition
//! renders. `VAUTH_BLESS=1 cargo test generated` rewrites them.

use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bless() -> bool {
    std::env::var_os("VAUTH_BLESS").is_some()
}

fn check(dir: &str, files: Vec<(String, Vec<u8>)>) {
    let d = root().join(dir);
    if bless() {
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        for (name, bytes) in &files {
            std::fs::write(d.join(name), bytes).unwrap();
        }
        return;
    }
    let mut want: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
    want.sort();
    let mut have: Vec<String> = std::fs::read_dir(&d)
        .unwrap_or_else(|_| panic!("{dir}/ is missing: run VAUTH_BLESS=1 cargo test generated"))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    have.sort();
    assert_eq!(
        have, want,
        "{dir}/ has stale or missing files: run VAUTH_BLESS=1 cargo test generated"
    );
    for (name, bytes) in files {
        let on_disk = std::fs::read(d.join(&name)).unwrap();
        assert!(
            on_disk == bytes,
            "{dir}/{name} is stale: run VAUTH_BLESS=1 cargo test generated"
        );
    }
}

#[test]
fn completions_are_fresh() {
    check("completions", vauth::commands::generate::completion_files());
}

#[test]
fn man_pages_are_fresh() {
    let pages = vauth::commands::generate::man_pages().unwrap();
    assert!(pages.iter().any(|(n, _)| n == "vauth-key-create.1"));
    check("man", pages);
}

#[test]
fn runtime_commands_print_the_committed_files() {
    let env = crate::util::TestEnv::new();
    let r = env.run(&["completions", "bash"]);
    r.ok();
    let committed = std::fs::read_to_string(root().join("completions/vauth.bash")).unwrap();
    assert_eq!(r.stdout, committed);
    let r = env.run(&["man", "key", "rotate"]);
    r.ok();
    let committed = std::fs::read_to_string(root().join("man/vauth-key-rotate.1")).unwrap();
    assert_eq!(r.stdout, committed);
}

#[test]
fn readme_help_block_is_fresh() {
    let env = crate::util::TestEnv::new();
    let help = env.run(&["--help"]).stdout;
    let readme_path = root().join("README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let start_marker = "<!-- vauth --help -->\n```text\n";
    let end_marker = "```\n<!-- /vauth --help -->";
    let start = readme
        .find(start_marker)
        .expect("README lacks the help block markers")
        + start_marker.len();
    let end = readme[start..]
        .find(end_marker)
        .expect("README help block is not closed")
        + start;
    if bless() {
        let new = format!("{}{}{}", &readme[..start], help, &readme[end..]);
        std::fs::write(&readme_path, new).unwrap();
        return;
    }
    assert_eq!(
        &readme[start..end],
        help,
        "README's help block is stale: run VAUTH_BLESS=1 cargo test generated"
    );
}

#[test]
fn readme_exit_code_table_matches() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for (code, meaning) in vauth::error::EXIT_TABLE {
        assert!(
            readme.contains(&format!("| {code} | {meaning} |")),
            "README lacks the exit-code row for {code}: | {code} | {meaning} |"
        );
    }
}
