#pragma once
// What the desktop shows for vitlens's windows: the icon and the desktop entry they belong to. Installed, the
// menu entry (vitlens.desktop) and the theme's icon (hicolor/*/apps/vitlens) are the desktop's own; the same
// icon is compiled in so a build that was never installed shows it too.
#include <QIcon>
#include <QString>

namespace vitlens::ui {

// The id of the installed desktop entry, vitlens.desktop without its suffix (Wayland's task bar and docks match
// windows to their menu entry by it).
inline constexpr char kDesktopFileName[] = "vitlens";

// The theme's "vitlens" icon where the desktop has one (an installed vitlens, or a user's own theme), else the
// 48, 128 and 256 px PNGs compiled into the binary (drawn for the project: resources/desktop/icons).
QIcon applicationIcon();

// Sets the application's window icon and desktop file name; call once the QApplication exists.
void applyApplicationIcon();

}  // namespace vitlens::ui
