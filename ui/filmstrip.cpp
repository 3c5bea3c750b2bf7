#include "ui/filmstrip.h"

#include <QCollator>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QPixmap>
#include <QPointer>

#include <algorithm>

#include "ui/plain_text.h"
#include "util/input_file.h"

namespace vitlens::ui {
namespace {

constexpr int kThumbnail = 84;

}  // namespace

Filmstrip::Filmstrip(QWidget* parent) : QListWidget(parent) {
  thumbnailPool_.setMaxThreadCount(1);
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
  ++generation_;
  thumbnailTimer_.start();
}

namespace {

// A small copy of the image at `path`, or a null image. Runs on the thumbnail thread.
QImage decodeThumbnail(const QString& path) {
  // A FIFO or device named like an image would block the reader forever.
  if (!nonRegularKind(QFile::encodeName(path).toStdString()).empty()) return {};
  QImageReader reader(path);
  reader.setAutoTransform(true);
  const QSize size = reader.size();
  // Refuse absurd headers here too: a thumbnail must never allocate gigabytes.
  if (!size.isValid() || static_cast<qint64>(size.width()) * size.height() > 100'000'000) return {};
  reader.setScaledSize(size.scaled(kThumbnail, kThumbnail, Qt::KeepAspectRatio));
  return reader.read();
}

}  // namespace

Filmstrip::~Filmstrip() {
  thumbnailTimer_.stop();
  thumbnailPool_.waitForDone();
}

void Filmstrip::loadSomeThumbnails() {
  // One at a time: the strip fills in order and a new list is not kept waiting. The timer rests while one
  // decodes; its result starts it again.
  thumbnailTimer_.stop();
  if (thumbnailInFlight_ || nextThumbnail_ >= count()) return;
  const int row = nextThumbnail_++;
  const QString path = item(row)->data(Qt::UserRole).toString();
  const quint64 generation = generation_;
  thumbnailInFlight_ = true;
  QPointer<Filmstrip> self(this);
  Filmstrip* strip = this;
  thumbnailPool_.start([self, strip, path, row, generation] {
    const QImage thumbnail = decodeThumbnail(path);
    if (!self) return;
    // With the strip as the context object, Qt drops the call if the strip is gone by then.
    QMetaObject::invokeMethod(
        strip,
        [strip, thumbnail, row, generation] {
          strip->thumbnailInFlight_ = false;
          strip->thumbnailTimer_.start();
          // QPixmap belongs to the GUI thread: made here, from the decoded QImage.
          QListWidgetItem* it = generation == strip->generation_ ? strip->item(row) : nullptr;
          if (it != nullptr && !thumbnail.isNull()) it->setIcon(QIcon(QPixmap::fromImage(thumbnail)));
        },
        Qt::QueuedConnection);
  });
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
