//! Many processes on one home: the lock serializes read-modify-write, no update is lost.

use crate::util::*;

#[test]
fn sixteen_processes_times_fifty_creates_make_exactly_800_keys() {
    let env = TestEnv::new();
    env.run(&["init"]).ok();
    let workers = 16;
    let per = 50;
    std::thread::scope(|s| {
        for w in 0..workers {
            let env = &env;
            s.spawn(move || {
                for i in 0..per {
                    let out = env
                        .command()
                        .args(["key", "create", &format!("w{w}-k{i}"), "-q", "--no-keep"])
                        .output()
                        .unwrap();
                    Run::of(out).ok();
                }
            });
        }
    });
    let state = state(&env);
    assert_eq!(state["api_keys"].as_object().unwrap().len(), workers * per);
    assert_eq!(state["audit"]["count"], (workers * per + 1) as u64);
    env.run(&["audit", "verify"])
        .ok()
        .stdout_has("801 audit lines");
}
