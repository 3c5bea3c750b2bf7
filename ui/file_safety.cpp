#include "ui/file_safety.h"

#include <QBuffer>
#include <QFileInfo>
#include <QMessageBox>
#include <QSaveFile>

namespace vitlens::ui {

bool confirmOverwrite(QWidget* parent, const QString& path) {
  if (!QFileInfo::exists(path)) return true;
  if (parent == nullptr) return false;
  return QMessageBox::question(parent, QObject::tr("Replace file?"),
                               QObject::tr("%1 already exists. Replace it?").arg(QFileInfo(path).fileName()),
                               QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) == QMessageBox::Yes;
}

QString saveBytes(const QString& path, const QByteArray& bytes) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return QObject::tr("cannot write %1: %2").arg(path, file.errorString());
  if (file.write(bytes) != bytes.size()) {
    const QString reason = file.errorString();
    file.cancelWriting();
    return QObject::tr("cannot write %1: %2").arg(path, reason);
  }
  if (!file.commit()) return QObject::tr("cannot write %1: %2").arg(path, file.errorString());
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
