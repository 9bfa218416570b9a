//! "Follow the system" on a Linux desktop. The windowing layer often cannot
//! tell whether the desktop is dark or light (X11 has no such setting), and
//! egui then falls back to dark. This asks the desktop itself, once and off
//! the main thread so that start-up never waits: `GTK_THEME` when it names a
//! dark variant, else GNOME's `color-scheme` setting (which KDE and others
//! mirror through xdg-desktop-portal's GTK settings). What it finds becomes
//! the theme used when the system gives none; if nothing answers, dark stays.

use std::process::Command;

/// Reads the desktop's preference in the background and makes it the theme
/// egui uses when the window system reports none.
pub fn follow_desktop(ctx: &egui::Context) {
    let ctx = ctx.clone();
    let spawned = std::thread::Builder::new()
        .name("desktop theme".to_owned())
        .spawn(move || {
            if let Some(theme) = desktop_preference() {
                ctx.options_mut(|options| options.fallback_theme = theme);
                ctx.request_repaint();
            }
        });
    // Without a thread the fallback (dark) stays: nothing else depends on it.
    drop(spawned);
}

/// The desktop's dark or light preference, where one can be read.
fn desktop_preference() -> Option<egui::Theme> {
    if let Some(theme) = std::env::var("GTK_THEME")
        .ok()
        .and_then(|t| from_gtk_theme(&t))
    {
        return Some(theme);
    }
    let output = Command::new("gsettings")
        .args(["get", "org.gnome.desktop.interface", "color-scheme"])
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    from_color_scheme(&String::from_utf8_lossy(&output.stdout))
}

/// `GTK_THEME` as "Adwaita:dark": dark when it names a dark variant.
fn from_gtk_theme(value: &str) -> Option<egui::Theme> {
    let lower = value.to_ascii_lowercase();
    if lower.ends_with(":dark") || lower.ends_with("-dark") {
        Some(egui::Theme::Dark)
    } else if lower.ends_with(":light") {
        Some(egui::Theme::Light)
    } else {
        None
    }
}

/// GNOME's `color-scheme` as gsettings prints it: `'prefer-dark'`,
/// `'prefer-light'`, or `'default'`, which the desktop portal calls "no
/// preference": the app's own default (dark) then stays.
fn from_color_scheme(printed: &str) -> Option<egui::Theme> {
    match printed.trim().trim_matches('\'') {
        "prefer-dark" => Some(egui::Theme::Dark),
        "prefer-light" => Some(egui::Theme::Light),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_desktop_s_words_for_dark_and_light_are_read() {
        assert_eq!(
            from_color_scheme("'prefer-dark'\n"),
            Some(egui::Theme::Dark)
        );
        assert_eq!(from_color_scheme("'default'\n"), None);
        assert_eq!(
            from_color_scheme("'prefer-light'"),
            Some(egui::Theme::Light)
        );
        assert_eq!(from_color_scheme("No such schema"), None);
        assert_eq!(from_gtk_theme("Adwaita:dark"), Some(egui::Theme::Dark));
        assert_eq!(from_gtk_theme("Arc-Dark"), Some(egui::Theme::Dark));
        assert_eq!(from_gtk_theme("Adwaita"), None);
    }
}
