#include "ui/application_icon.h"

#include <QGuiApplication>

namespace vitlens::ui {

QIcon applicationIcon() {
  const QIcon themed = QIcon::fromTheme(QString::fromLatin1(kDesktopFileName));
  if (!themed.isNull()) return themed;
  QIcon icon;
  for (const int size : {48, 128, 256}) {
    icon.addFile(QStringLiteral(":/desktop/icons/vitlens-%1.png").arg(size), QSize(size, size));
  }
  return icon;
}

void applyApplicationIcon() {
  QGuiApplication::setDesktopFileName(QString::fromLatin1(kDesktopFileName));
  QGuiApplication::setWindowIcon(applicationIcon());
}

}  // namespace vitlens::ui
