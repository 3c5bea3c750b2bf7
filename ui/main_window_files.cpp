// MainWindow's file work: opening images, folders, samples and models from dialogs, the clipboard and drag and
// drop; saving the overlay, heads grid, anatomy and map; copying the view.
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMimeData>
#include <QStatusBar>

#include "ui/anatomy_view.h"
#include "ui/file_safety.h"
#include "ui/filmstrip.h"
#include "ui/heads_grid.h"
#include "ui/image_convert.h"
#include "ui/main_window.h"
#include "util/npy.h"

namespace vitlens::ui {
namespace {

QString imageFileFilter() {
  return QObject::tr("Images (%1);;All files (*)").arg(Filmstrip::imageNameFilters().join(QLatin1Char(' ')));
}

bool isModelFile(const QString& path) {
  return path.endsWith(QStringLiteral(".safetensors"), Qt::CaseInsensitive) ||
         QFileInfo(path).fileName() == QStringLiteral("config.json");
}

// A folder as downloaded from a model hub: weights beside a config.json, no images to browse.
bool isModelFolder(const QString& path) {
  const QDir dir(path);
  return !dir.entryList({QStringLiteral("*.safetensors")}, QDir::Files).isEmpty() &&
         dir.exists(QStringLiteral("config.json"));
}

}  // namespace

void MainWindow::loadSample(const QString& resourcePath) {
  QFile file(resourcePath);
  if (!file.open(QIODevice::ReadOnly)) {
    showError(tr("cannot read the sample %1").arg(resourcePath));
    return;
  }
  session_->openImageBytes(file.readAll(), QFileInfo(resourcePath).fileName());
}

void MainWindow::chooseImage() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open Image"), lastFolder_, imageFileFilter());
  if (!path.isEmpty()) openImage(path);
}

void MainWindow::chooseVideo() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open Video"), lastFolder_,
      tr("Videos (*.mp4 *.m4v *.mov *.avi *.mkv *.webm *.mpg *.mpeg *.ogv *.wmv);;All files (*)"));
  if (path.isEmpty()) return;
  lastFolder_ = QFileInfo(path).absolutePath();
  openVideo(path);
}

void MainWindow::chooseFolder() {
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Open Folder"), lastFolder_);
  if (!folder.isEmpty()) openFolder(folder);
}

int MainWindow::openFolder(const QString& folder) {
  // Checked first, so an empty folder leaves the current filmstrip as it was.
  if (QDir(folder).entryList(Filmstrip::imageNameFilters(), QDir::Files | QDir::Readable).isEmpty()) {
    showError(tr("%1 holds no images (%2)").arg(folder, Filmstrip::imageNameFilters().join(QLatin1Char(' '))));
    return 0;
  }
  const int count = filmstrip_->setFolder(folder);
  updateActions();
  lastFolder_ = folder;
  filmstrip_->show();
  filmstrip_->step(1);
  return count;
}

void MainWindow::chooseModel() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open Model"), lastFolder_,
                                                    tr("Models (*.safetensors config.json);;All files (*)"));
  if (!path.isEmpty()) openModel(path);
}

void MainWindow::chooseModelFolder() {
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Open Model Folder"), lastFolder_);
  if (!folder.isEmpty()) openModel(folder);
}

void MainWindow::chooseInputSize() {
  if (!session_->model()) return;
  const VitConfig& c = session_->model()->meta.config;
  bool ok = false;
  const QString text = QInputDialog::getText(
      this, tr("Input Size"),
      tr("Input size in pixels, N or HxW, a multiple of the patch size %1 (empty: the model's own):").arg(c.patchSize),
      QLineEdit::Normal, QStringLiteral("%1x%2").arg(c.imageHeight).arg(c.imageWidth), &ok);
  if (!ok) return;
  if (text.trimmed().isEmpty()) {
    setInputSize(0, 0);
    return;
  }
  try {
    const auto [height, width] = parseInputSize(text.trimmed().toStdString());
    setInputSize(static_cast<int>(height), static_cast<int>(width));
  } catch (const std::invalid_argument& e) {
    showError(QString::fromStdString(e.what()));
  }
}

void MainWindow::pasteFromClipboard() {
  const QMimeData* mime = QApplication::clipboard()->mimeData();
  if (mime && mime->hasImage()) {
    openImageData(fromQImage(qvariant_cast<QImage>(mime->imageData())), tr("pasted image"));
  } else if (mime && !mime->urls().isEmpty() && mime->urls().constFirst().isLocalFile()) {
    openImage(mime->urls().constFirst().toLocalFile());
  } else if (mime && mime->hasText() && QFileInfo(mime->text().trimmed()).isFile()) {
    openImage(mime->text().trimmed());
  } else {
    showError(tr("The clipboard holds no image."));
  }
}

void MainWindow::copyViewToClipboard() {
  if (renderedImage().empty()) return;
  QApplication::clipboard()->setImage(toQImage(renderedImage()));
  statusBar()->showMessage(tr("Copied the view to the clipboard"), 3000);
}

void MainWindow::saveWithDialog(const QString& title, const QString& suggestedName, const QString& filter,
                                QString (MainWindow::*exporter)(const QString&, bool)) {
  // The dialog asks before replacing a file, so the export may overwrite what the user confirmed.
  const QString path = QFileDialog::getSaveFileName(this, title, QDir(lastFolder_).filePath(suggestedName), filter);
  if (path.isEmpty()) return;
  const QString error = (this->*exporter)(path, true);
  if (error.isEmpty()) {
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
  } else {
    showError(error);
  }
}

QString MainWindow::exportOverlay(const QString& path, bool overwrite) {
  if (renderedImage().empty()) return tr("there is no image to save yet");
  if (!overwrite && QFileInfo::exists(path)) return tr("%1 already exists; not replaced").arg(path);
  return savePng(path, toQImage(renderedImage()));
}

QString MainWindow::exportHeadsGrid(const QString& path, bool overwrite) {
  if (headsGrid_->tileCount() == 0) return tr("there are no head maps to save yet");
  if (!overwrite && QFileInfo::exists(path)) return tr("%1 already exists; not replaced").arg(path);
  return savePng(path, headsGrid_->renderImage());
}

QString MainWindow::exportAnatomy(const QString& path, bool overwrite) {
  if (!anatomy_->hasModel()) return tr("no model is loaded yet");
  if (!overwrite && QFileInfo::exists(path)) return tr("%1 already exists; not replaced").arg(path);
  return savePng(path, anatomy_->renderImage());
}

QString MainWindow::exportMapNpy(const QString& path, bool overwrite) {
  if (currentMap_.empty()) return tr("there is no attention map to save yet");
  if (!overwrite && QFileInfo::exists(path)) return tr("%1 already exists; not replaced").arg(path);
  const cv::Mat map = currentMap_.isContinuous() ? currentMap_ : currentMap_.clone();
  const std::vector<uint8_t> bytes = encodeNpyFloat32(map.ptr<float>(), {map.rows, map.cols});
  return saveBytes(path, QByteArray(reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(bytes.size())));
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls() || event->mimeData()->hasImage()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const QMimeData* mime = event->mimeData();
  const QList<QUrl> urls = mime->urls();
  if (!urls.isEmpty() && urls.constFirst().isLocalFile()) {
    const QString path = urls.constFirst().toLocalFile();
    if (QFileInfo(path).isDir()) {
      if (isModelFolder(path)) {
        openModel(path);
      } else if (isClassFolder(path)) {
        evaluateFolder(path);  // class sub-folders named like the model's labels: a data set to evaluate
      } else {
        openFolder(path);
      }
    } else if (isModelFile(path)) {
      openModel(path);
    } else {
      openImage(path);
    }
  } else if (mime->hasImage()) {
    openImageData(fromQImage(qvariant_cast<QImage>(mime->imageData())), tr("dropped image"));
  } else {
    return;
  }
  event->acceptProposedAction();
}

}  // namespace vitlens::ui
