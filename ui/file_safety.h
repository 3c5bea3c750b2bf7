#pragma once
// Writing the user's files: atomically (a half-written file never takes the final name), never over an existing
// file unless the user said so, and never over anything but a regular file.
#include <QByteArray>
#include <QImage>
#include <QString>

class QWidget;

namespace vitlens::ui {

// Asks before replacing an existing file; true when the path is free or the user agreed. parent null: never asks
// and refuses (non-interactive callers pass overwrite flags explicitly instead).
bool confirmOverwrite(QWidget* parent, const QString& path);

// Returns an empty string on success, otherwise a one-line reason naming the file.
QString saveBytes(const QString& path, const QByteArray& bytes);
QString savePng(const QString& path, const QImage& image);

}  // namespace vitlens::ui
