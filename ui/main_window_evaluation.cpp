// MainWindow, whole folders (README, "Whole folders"): Evaluate Folder on the worker with progress and Cancel, a
// confusion cell's images in the filmstrip, and the results exported as JSON, CSV and the matrix as PNG.
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QStatusBar>

#include "ui/confusion_view.h"
#include "ui/evaluation_panel.h"
#include "ui/file_safety.h"
#include "ui/filmstrip.h"
#include "ui/main_window.h"

namespace vitlens::ui {

void MainWindow::chooseEvaluationFolder() {
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Evaluate Folder"), lastFolder_);
  if (!folder.isEmpty()) evaluateFolder(folder);
}

bool MainWindow::isClassFolder(const QString& folder) const {
  const ModelInfo* info = session_->model();
  if (info == nullptr || !info->meta.config.hasHead()) return false;
  const QStringList classes = QDir(folder).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
  if (classes.isEmpty()) return false;
  for (const QString& name : classes) {
    bool known = false;
    for (int64_t i = 0; i < info->meta.config.numClasses && !known; ++i) {
      known = name.toStdString() == info->meta.label(i);
    }
    if (!known) return false;
  }
  return true;
}

bool MainWindow::evaluateFolder(const QString& folder) {
  if (evaluation_->running()) {
    statusBar()->showMessage(tr("An evaluation is running: cancel it first."), 5000);
    return false;
  }
  if (!session_->evaluateFolder(folder)) {
    showError(tr("Evaluating a folder needs a model with a classifier head."));
    return false;
  }
  lastFolder_ = folder;
  evaluation_->setRunning(folder);
  raiseDock(QStringLiteral("evaluation"));
  return true;
}

void MainWindow::cancelEvaluation() { session_->cancelFolder(); }

int MainWindow::showConfusionCell(int64_t truth, int64_t predicted) {
  const FolderResult* folder = session_->folderResult();
  if (folder == nullptr) return 0;
  const FolderEvaluation& e = *folder->evaluation;
  const std::vector<std::string>& labels = e.confusion.labels();
  QStringList paths, captions;
  for (size_t index : outcomesInCell(e, truth, predicted)) {
    const ImageOutcome& o = e.perImage[index];
    paths << QString::fromStdString(o.path);
    captions << QStringLiteral("%1 %2 %")
                    .arg(QString::fromStdString(o.top.front().label))
                    .arg(100.0 * o.probability(), 0, 'f', 0);
  }
  const QString cell = QStringLiteral("%1 → %2").arg(QString::fromStdString(labels[static_cast<size_t>(truth)]),
                                                     QString::fromStdString(labels[static_cast<size_t>(predicted)]));
  evaluation_->confusionView()->setSelected(truth, predicted);
  evaluation_->showRows(EvaluationPanel::Filter::Cell, truth, predicted);
  if (paths.isEmpty()) {
    statusBar()->showMessage(tr("No images in %1.").arg(cell), 5000);
    return 0;
  }
  filmstrip_->setPaths(paths, captions, cell);
  filmstrip_->show();
  updateActions();
  filmstrip_->step(1);  // the first one, with its attention, in the main view
  statusBar()->showMessage(
      tr("%1: %2 images in the filmstrip (Left and Right step through them)").arg(cell).arg(paths.size()), 8000);
  return static_cast<int>(paths.size());
}

namespace {

QString refuseExisting(const QString& path, bool overwrite) {
  return !overwrite && QFileInfo::exists(path) ? QObject::tr("%1 already exists; not replaced").arg(path) : QString();
}

}  // namespace

QString MainWindow::exportEvaluationJson(const QString& path, bool overwrite) {
  const FolderResult* folder = session_->folderResult();
  if (folder == nullptr) return tr("no folder has been evaluated yet");
  if (const QString refused = refuseExisting(path, overwrite); !refused.isEmpty()) return refused;
  const ModelInfo* info = session_->model();
  const std::string model = info && !info->source.isEmpty() ? info->source.toStdString() : "built-in";
  const std::string json = folderEvaluationJson(*folder->evaluation, model, folder->folder.toStdString(), true);
  return saveBytes(path, QByteArray::fromStdString(json + "\n"));
}

QString MainWindow::exportEvaluationCsv(const QString& path, bool overwrite) {
  const FolderResult* folder = session_->folderResult();
  if (folder == nullptr) return tr("no folder has been evaluated yet");
  if (const QString refused = refuseExisting(path, overwrite); !refused.isEmpty()) return refused;
  return saveBytes(path, QByteArray::fromStdString(folderEvaluationCsv(*folder->evaluation)));
}

QString MainWindow::exportConfusionPng(const QString& path, bool overwrite) {
  if (session_->folderResult() == nullptr) return tr("no folder has been evaluated yet");
  if (const QString refused = refuseExisting(path, overwrite); !refused.isEmpty()) return refused;
  return savePng(path, evaluation_->confusionView()->renderImage());
}

}  // namespace vitlens::ui
