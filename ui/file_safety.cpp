#include "ui/file_safety.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>

#include "util/atomic_file.h"

namespace vitlens::ui {

bool confirmOverwrite(QWidget* parent, const QString& path) {
  if (!QFileInfo::exists(path)) return true;
  if (parent == nullptr) return false;
  return QMessageBox::question(parent, QObject::tr("Replace file?"),
                               QObject::tr("%1 already exists. Replace it?").arg(QFileInfo(path).fileName()),
                               QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) == QMessageBox::Yes;
}

QString saveBytes(const QString& path, const QByteArray& bytes) {
  // The core writer, not QSaveFile: it refuses to replace anything but a regular file (a device, a FIFO, a
  // symbolic link) and names the real reason ("No space left on device") where QSaveFile said "Unknown error".
  try {
    writeFileAtomically(QFile::encodeName(path).toStdString(), reinterpret_cast<const uint8_t*>(bytes.constData()),
                        static_cast<size_t>(bytes.size()));
  } catch (const FileError& error) {
    return QObject::tr("cannot write %1").arg(QString::fromLocal8Bit(error.what()));
  }
  return {};
}

QString savePng(const QString& path, const QImage& image) {
  if (image.isNull()) return QObject::tr("nothing to save to %1").arg(path);
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  if (!image.save(&buffer, "PNG")) return QObject::tr("cannot encode %1 as PNG").arg(path);
  return saveBytes(path, bytes);
}

}  // namespace vitlens::ui
