//! Long-lived headless Chromium processes, reused by the tests that follow one another.
//!
//! Starting Chromium was the largest CPU cost of the browser suite (more than the pages and
//! the servers together), and CI runs on two cores. So a test takes an idle Chromium, or starts
//! one when none is idle, attaches its own ChromeDriver session to it and gives it back when it
//! passes. Tests stay isolated: each test's server listens on its own port, so cookies, storage
//! and cache (all keyed by origin) never carry over, and the downloads folder is emptied before
//! each test. A Chromium whose test failed is killed rather than reused.

use landlord_tests::TempDir;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

pub struct Chromium {
    process: Child,
    /// `127.0.0.1:<port>` of its DevTools endpoint, for ChromeDriver's `debuggerAddress`.
    pub debugger: String,
    /// Where it saves downloads.
    pub downloads: PathBuf,
    _profile: TempDir,
}

static IDLE: Mutex<Vec<Chromium>> = Mutex::new(Vec::new());

/// An idle Chromium with an empty downloads folder, or a new one.
pub fn take() -> Chromium {
    let idle = IDLE.lock().unwrap_or_else(|e| e.into_inner()).pop();
    match idle {
        Some(chromium) => {
            let _ = std::fs::remove_dir_all(&chromium.downloads);
            std::fs::create_dir_all(&chromium.downloads).unwrap();
            chromium
        }
        None => launch(),
    }
}

/// Returns a Chromium whose test passed, for the next test.
pub fn give_back(chromium: Chromium) {
    IDLE.lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(chromium);
}

impl Drop for Chromium {
    fn drop(&mut self) {
        // It leads its own process group, which its renderers join: end them all.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.process.id())])
            .status();
        let _ = self.process.wait();
    }
}

fn launch() -> Chromium {
    let root = std::env::temp_dir().join(format!(
        "landlord-chromium-{}",
        uuid::Uuid::new_v4().simple()
    ));
    let profile = root.join("profile");
    let downloads = root.join("downloads");
    std::fs::create_dir_all(profile.join("Default")).unwrap();
    std::fs::create_dir_all(&downloads).unwrap();
    // ChromeDriver writes these preferences only into a browser it starts itself.
    let preferences = serde_json::json!({
        "download": {
            "default_directory": downloads.display().to_string(),
            "prompt_for_download": false,
        }
    });
    std::fs::write(profile.join("Default/Preferences"), preferences.to_string()).unwrap();

    let mut command = Command::new("setpriv");
    command
        // Chromium outlives each test but not the test process: the kernel kills it when the
        // thread that started it ends, and `spawn_lasting` starts it from one that never does.
        .args(["--pdeathsig", "KILL", "--"])
        .arg(std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()))
        .args([
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,860",
            // Optimising the admin app's code in the background cost more than it saved in
            // tests this short.
            "--js-flags=--no-wasm-tier-up",
            "--remote-debugging-port=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("about:blank")
        .process_group(0)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let process = spawn_lasting(command);

    // With port 0, Chromium picks a free port and writes it here once it listens.
    let announced = profile.join("DevToolsActivePort");
    let deadline = Instant::now() + Duration::from_secs(20);
    let port = loop {
        if let Some(port) = std::fs::read_to_string(&announced)
            .ok()
            .and_then(|text| text.lines().next().map(str::to_owned))
            .filter(|line| !line.is_empty())
        {
            break port;
        }
        assert!(
            Instant::now() < deadline,
            "Chromium starts and announces its port"
        );
        std::thread::sleep(crate::driver::POLL);
    };
    Chromium {
        process,
        debugger: format!("127.0.0.1:{port}"),
        downloads,
        _profile: TempDir(root),
    }
}

type Launch = (Command, Sender<std::io::Result<Child>>);

/// Spawns `command` from a thread that lives as long as the test process (libtest ends each
/// test's thread, which would fire the child's parent-death signal).
fn spawn_lasting(command: Command) -> Child {
    static LAUNCHER: OnceLock<Mutex<Sender<Launch>>> = OnceLock::new();
    let launcher = LAUNCHER.get_or_init(|| {
        let (requests, incoming) = channel::<Launch>();
        std::thread::spawn(move || {
            for (mut command, reply) in incoming {
                let _ = reply.send(command.spawn());
            }
        });
        Mutex::new(requests)
    });
    let (reply, answer) = channel();
    launcher
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .send((command, reply))
        .unwrap();
    answer
        .recv()
        .unwrap()
        .expect("Chromium is installed (make test installs it)")
}
