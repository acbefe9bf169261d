//! How the window paints on a machine without a GPU.
//!
//! WebKitGTK paints pages with Skia on the GPU. Where there is none (a virtual desktop, a
//! remote session, Xvfb), Mesa emulates one in software (llvmpipe), and that is slower than
//! Skia painting on the CPU: at 10 000 entries, a keystroke's results took 52 ms to reach the
//! screen at the median, against 33 ms painted on the CPU (`make bench-ui`, BENCHMARKS.md).
//! So on Linux, with no GPU render node, the app asks WebKit to paint on the CPU, unless the
//! user has set the variable themselves. Machines with a GPU keep WebKit's own choice. The
//! variable is in the app's environment, so the programs it starts (the PDF-text extractor,
//! a browser opened on a link) inherit it; it means nothing to those that do not use WebKit.

use std::ffi::OsStr;
use std::path::Path;

/// WebKitGTK's switch for Skia painting on the CPU.
const CPU_PAINTING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// Asks WebKit to paint on the CPU when the machine has no GPU (see the module).
///
/// # Safety
///
/// It may set an environment variable: call it while the process has one thread (first in
/// `main`), when nothing else can read or write the environment.
pub unsafe fn on_cpu_without_gpu() {
    if cfg!(target_os = "linux")
        && paint_on_cpu(
            Path::new("/dev/dri"),
            std::env::var_os(CPU_PAINTING).as_deref(),
            std::env::var_os("LIBGL_ALWAYS_SOFTWARE").as_deref(),
        )
    {
        // SAFETY: the caller guarantees that no other thread exists.
        unsafe { std::env::set_var(CPU_PAINTING, "1") };
    }
}

/// Whether to paint on the CPU: not when the user has set [`CPU_PAINTING`] either way; yes
/// when GL is software by request (`LIBGL_ALWAYS_SOFTWARE` on, as Mesa reads it) or when
/// `dri` (`/dev/dri`) holds no render node, the device a GPU is drawn with.
fn paint_on_cpu(dri: &Path, chosen: Option<&OsStr>, software_gl: Option<&OsStr>) -> bool {
    if chosen.is_some() {
        return false;
    }
    let on = |value: &OsStr| {
        value.to_str().is_some_and(|value| {
            ["1", "true", "y", "yes"]
                .iter()
                .any(|on| value.eq_ignore_ascii_case(on))
        })
    };
    if software_gl.is_some_and(on) {
        return true;
    }
    let has_render_node = std::fs::read_dir(dri).is_ok_and(|entries| {
        entries.flatten().any(|entry| {
            entry
                .file_name()
                .to_str()
                .is_some_and(|name| name.starts_with("renderD"))
        })
    });
    !has_render_node
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;

    use super::paint_on_cpu;

    #[test]
    fn paints_on_the_cpu_only_where_no_gpu_can_be_drawn_with() {
        let dir = tempfile::tempdir().unwrap();
        let dri = dir.path().join("dri");
        // No /dev/dri at all (Xvfb, most virtual desktops).
        assert!(paint_on_cpu(&dri, None, None));
        // A display device but no render node: still no GPU to draw with.
        std::fs::create_dir(&dri).unwrap();
        std::fs::write(dri.join("card0"), "").unwrap();
        assert!(paint_on_cpu(&dri, None, None));
        // A render node: WebKit's own choice.
        std::fs::write(dri.join("renderD128"), "").unwrap();
        assert!(!paint_on_cpu(&dri, None, None));
        for off in ["0", "false", "no", "n", ""] {
            assert!(!paint_on_cpu(&dri, None, Some(OsStr::new(off))), "{off}");
        }
        // Software GL asked for, GPU or not.
        for on in ["1", "true", "YES", "y"] {
            assert!(paint_on_cpu(&dri, None, Some(OsStr::new(on))), "{on}");
        }
        // The user's own setting, either way, is left alone.
        assert!(!paint_on_cpu(
            &dri,
            Some(OsStr::new("0")),
            Some(OsStr::new("1"))
        ));
        std::fs::remove_file(dri.join("renderD128")).unwrap();
        assert!(!paint_on_cpu(&dri, Some(OsStr::new("1")), None));
    }
}
