#include "ui/filmstrip.h"

#include <QCollator>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QPixmap>

#include <algorithm>

#include "ui/plain_text.h"
#include "util/input_file.h"

namespace vitlens::ui {
namespace {

constexpr int kThumbnail = 84;
constexpr int kThumbnailsPerTick = 1;  // one per event-loop turn: a big PNG cannot freeze the window for long

}  // namespace

Filmstrip::Filmstrip(QWidget* parent) : QListWidget(parent) {
  setViewMode(QListView::IconMode);
  setFlow(QListView::LeftToRight);
  setWrapping(false);
  setMovement(QListView::Static);
  setIconSize(QSize(kThumbnail, kThumbnail));
  setUniformItemSizes(true);
  setFixedHeight(kThumbnail + 44);
  setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
  setToolTip(tr("The images in the opened folder; click one, or use the Left and Right arrow keys."));
  thumbnailTimer_.setInterval(0);
  connect(&thumbnailTimer_, &QTimer::timeout, this, &Filmstrip::loadSomeThumbnails);
  connect(this, &QListWidget::itemActivated, this,
          [this](QListWidgetItem* item) { Q_EMIT imageActivated(item->data(Qt::UserRole).toString()); });
  connect(this, &QListWidget::itemClicked, this,
          [this](QListWidgetItem* item) { Q_EMIT imageActivated(item->data(Qt::UserRole).toString()); });
}

QStringList Filmstrip::imageNameFilters() {
  return {QStringLiteral("*.png"),  QStringLiteral("*.jpg"), QStringLiteral("*.jpeg"), QStringLiteral("*.bmp"),
          QStringLiteral("*.webp"), QStringLiteral("*.tif"), QStringLiteral("*.tiff")};
}

int Filmstrip::setFolder(const QString& folder) {
  clear();
  folder_ = folder;
  paths_.clear();
  QDir dir(folder);
  QStringList names = dir.entryList(imageNameFilters(), QDir::Files | QDir::Readable, QDir::NoSort);
  QCollator collator;
  collator.setNumericMode(true);  // img2 before img10
  std::sort(names.begin(), names.end(), collator);
  QStringList paths, captions;
  for (const QString& name : names) {
    paths << dir.absoluteFilePath(name);
    captions << QFileInfo(name).completeBaseName();
  }
  addItems(paths, captions);
  return static_cast<int>(paths_.size());
}

int Filmstrip::setPaths(const QStringList& paths, const QStringList& captions, const QString& title) {
  clear();
  folder_ = title;
  paths_.clear();
  addItems(paths, captions);
  return static_cast<int>(paths_.size());
}

void Filmstrip::addItems(const QStringList& paths, const QStringList& captions) {
  // Grey placeholders now; thumbnails are decoded a few per event-loop turn, so 10,000 images list at once.
  QPixmap placeholder(kThumbnail, kThumbnail);
  placeholder.fill(QColor(90, 90, 90));
  for (int i = 0; i < paths.size(); ++i) {
    paths_.append(paths[i]);
    auto* item =
        new QListWidgetItem(QIcon(placeholder), captions.value(i, QFileInfo(paths[i]).completeBaseName()), this);
    item->setData(Qt::UserRole, paths[i]);
    item->setToolTip(plainToolTip(paths[i]));
  }
  nextThumbnail_ = 0;
  thumbnailTimer_.start();
}

void Filmstrip::loadSomeThumbnails() {
  for (int n = 0; n < kThumbnailsPerTick && nextThumbnail_ < count(); ++n, ++nextThumbnail_) {
    QListWidgetItem* it = item(nextThumbnail_);
    const QString path = it->data(Qt::UserRole).toString();
    // A FIFO or device named like an image would block the reader (and the window) forever.
    if (!nonRegularKind(QFile::encodeName(path).toStdString()).empty()) continue;
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    // Refuse absurd headers here too: a thumbnail must never allocate gigabytes.
    if (!size.isValid() || static_cast<qint64>(size.width()) * size.height() > 100'000'000) continue;
    reader.setScaledSize(size.scaled(kThumbnail, kThumbnail, Qt::KeepAspectRatio));
    const QImage thumbnail = reader.read();
    if (!thumbnail.isNull()) it->setIcon(QIcon(QPixmap::fromImage(thumbnail)));
  }
  if (nextThumbnail_ >= count()) thumbnailTimer_.stop();
}

void Filmstrip::setCurrentPath(const QString& path) {
  const QSignalBlocker block(this);
  const int index = static_cast<int>(paths_.indexOf(path));
  if (index >= 0) {
    setCurrentRow(index);
    scrollToItem(item(index));
  } else {
    clearSelection();
  }
}

bool Filmstrip::step(int delta) {
  if (count() == 0) return false;
  const int row = currentRow() < 0 ? (delta > 0 ? 0 : count() - 1) : currentRow() + delta;
  if (row < 0 || row >= count()) return false;
  setCurrentRow(row);
  scrollToItem(item(row));
  Q_EMIT imageActivated(item(row)->data(Qt::UserRole).toString());
  return true;
}

}  // namespace vitlens::ui
