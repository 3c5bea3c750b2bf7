// What the window's actions do (they are built in window_actions.cpp), help, and persisted settings.
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDirIterator>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>

#include "ui/attention_controls.h"
#include "ui/filmstrip.h"
#include "ui/hub_download_dialog.h"
#include "ui/hub_models_dialog.h"
#include "ui/image_view.h"
#include "ui/main_window.h"
#include "ui/window_actions.h"

namespace vitlens::ui {
namespace {

constexpr int kMaxRecentFiles = 10;

}  // namespace

void MainWindow::connectActions() {
  WindowActions& a = *actions_;
  connect(a.openImage, &QAction::triggered, this, &MainWindow::chooseImage);
  connect(a.openFolder, &QAction::triggered, this, &MainWindow::chooseFolder);
  connect(a.evaluateFolder, &QAction::triggered, this, &MainWindow::chooseEvaluationFolder);
  connect(a.hubModels, &QAction::triggered, this, [this] {
    auto* dialog = new HubModelsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &HubModelsDialog::modelChosen, this, [this](const QString& reference) { openModel(reference); });
    dialog->open();
  });
  connect(a.hubDownload, &QAction::triggered, this, [this] {
    auto* dialog = new HubDownloadDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &HubDownloadDialog::modelDownloaded, this,
            [this](const QString& reference) { openModel(reference); });
    dialog->open();
  });
  connect(a.paste, &QAction::triggered, this, &MainWindow::pasteFromClipboard);
  connect(a.saveOverlay, &QAction::triggered, this, [this] {
    saveWithDialog(tr("Save Overlay"), QStringLiteral("overlay.png"), tr("PNG images (*.png)"),
                   &MainWindow::exportOverlay);
  });
  connect(a.saveHeads, &QAction::triggered, this, [this] {
    saveWithDialog(tr("Save Heads Grid"), QStringLiteral("heads.png"), tr("PNG images (*.png)"),
                   &MainWindow::exportHeadsGrid);
  });
  connect(a.saveAnatomy, &QAction::triggered, this, [this] {
    saveWithDialog(tr("Save Model Anatomy"), QStringLiteral("anatomy.png"), tr("PNG images (*.png)"),
                   &MainWindow::exportAnatomy);
  });
  connect(a.saveMap, &QAction::triggered, this, [this] {
    saveWithDialog(tr("Save Map"), QStringLiteral("attention.npy"), tr("NumPy arrays (*.npy)"),
                   &MainWindow::exportMapNpy);
  });
  connect(a.copyView, &QAction::triggered, this, &MainWindow::copyViewToClipboard);
  connect(a.quit, &QAction::triggered, this, &QWidget::close);
  connect(&a, &WindowActions::recentFileChosen, this, &MainWindow::openImage);
  connect(&a, &WindowActions::sampleChosen, this, &MainWindow::loadSample);

  connect(a.zoomToFit, &QAction::triggered, imageView_, &ImageView::zoomToFit);
  connect(a.actualSize, &QAction::triggered, imageView_, &ImageView::zoomToActualSize);
  connect(a.zoomIn, &QAction::triggered, imageView_, &ImageView::zoomIn);
  connect(a.zoomOut, &QAction::triggered, imageView_, &ImageView::zoomOut);
  connect(a.nextImage, &QAction::triggered, this, [this] { filmstrip_->step(1); });
  connect(a.previousImage, &QAction::triggered, this, [this] { filmstrip_->step(-1); });

  connect(a.toggleRollout, &QAction::triggered, controls_, &AttentionControls::toggleMethod);
  connect(a.nextLayer, &QAction::triggered, this, [this] { controls_->stepLayer(1); });
  connect(a.previousLayer, &QAction::triggered, this, [this] { controls_->stepLayer(-1); });
  connect(a.nextHead, &QAction::triggered, this, [this] { controls_->stepHead(1); });
  connect(a.previousHead, &QAction::triggered, this, [this] { controls_->stepHead(-1); });
  connect(a.toggleQuery, &QAction::triggered, this, &MainWindow::toggleQueryMode);
  connect(a.toggleGrid, &QAction::triggered, controls_, &AttentionControls::toggleGrid);
  connect(a.toggleHeatMap, &QAction::triggered, this, &MainWindow::toggleHeatMap);
  connect(a.resetAblations, &QAction::triggered, this, &MainWindow::resetAblations);
  connect(a.dropPatches, &QAction::toggled, this, &MainWindow::setDropMode);
  for (QAction* top : a.dropTopPatches) {
    connect(top, &QAction::triggered, this, [this, top] { dropTopPatches(top->data().toInt()); });
  }
  connect(a.restorePatches, &QAction::triggered, this, [this] { setDroppedPatches({}); });
  connect(a.headImportance, &QAction::toggled, this, &MainWindow::showHeadImportance);

  connect(a.openModel, &QAction::triggered, this, &MainWindow::chooseModel);
  connect(a.openModelFolder, &QAction::triggered, this, &MainWindow::chooseModelFolder);
  connect(a.inputSize, &QAction::triggered, this, &MainWindow::chooseInputSize);
  connect(a.builtInModel, &QAction::triggered, this, [this] { openModel(QString()); });
  connect(&a, &WindowActions::deviceChosen, this, &MainWindow::setDevice);
  connect(&a, &WindowActions::precisionChosen, this, &MainWindow::setPrecision);

  connect(a.openVideo, &QAction::triggered, this, &MainWindow::chooseVideo);
  connect(a.camera, &QAction::triggered, this, [this] { openCamera(); });
  connect(a.pauseLive, &QAction::toggled, this, &MainWindow::setLivePaused);
  connect(a.stopLive, &QAction::triggered, this, &MainWindow::stopLive);
  connect(a.tour, &QAction::triggered, this, [this] { startTour(tourStep_ >= 0 ? tourStep_ : 0); });
  connect(a.tourNext, &QAction::triggered, this, &MainWindow::tourNext);
  connect(a.tourBack, &QAction::triggered, this, &MainWindow::tourBack);
  connect(a.presentation, &QAction::toggled, this, [this](bool on) { setPresentationMode(on); });
  connect(&a, &WindowActions::presentationScaleChosen, this, [this](double scale) {
    presentationScale_ = scale;
    if (presentation_) applyPresentationScale();
  });
  connect(a.fullScreen, &QAction::toggled, this, [this](bool on) {
    if (on == isFullScreen()) return;
    on ? showFullScreen() : showNormal();
  });
  connect(a.shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
  connect(a.about, &QAction::triggered, this, &MainWindow::showAbout);

  QStringList samples;
  for (QDirIterator it(QStringLiteral(":/samples")); it.hasNext();) {
    const QString path = it.next();
    if (!path.endsWith(QStringLiteral(".md"))) samples.append(path);
  }
  samples.sort();
  a.setSamples(samples);
}

void MainWindow::toggleHeatMap() {
  ViewSettings s = controls_->settings();
  s.showOverlay = !s.showOverlay;
  controls_->setSettings(s);
}

void MainWindow::toggleQueryMode() {
  QComboBox* box = controls_->queryBox();
  box->setCurrentIndex(1 - box->currentIndex());
}

void MainWindow::addRecentFile(const QString& path) {
  // Absolute and canonical, so Open Recent works from any working folder and one file is listed once.
  const QFileInfo info(path);
  const QString absolute = info.canonicalFilePath().isEmpty() ? info.absoluteFilePath() : info.canonicalFilePath();
  recentFiles_.removeAll(absolute);
  recentFiles_.prepend(absolute);
  while (recentFiles_.size() > kMaxRecentFiles) recentFiles_.removeLast();
  lastFolder_ = QFileInfo(path).absolutePath();
  actions_->setRecentFiles(recentFiles_);
}

void MainWindow::showShortcuts() {
  QString text = QStringLiteral("<table>");
  for (QAction* action : findChildren<QAction*>()) {
    if (action->shortcut().isEmpty()) continue;
    text += QStringLiteral("<tr><td><b>%1</b></td><td>&nbsp;&nbsp;%2</td></tr>")
                .arg(action->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped(),
                     action->text().remove(QLatin1Char('&')).toHtmlEscaped());
  }
  text += QStringLiteral("</table><p>%1</p>")
              .arg(tr("Mouse: wheel zooms, drag pans, click picks the query patch in Patch mode."));
  QMessageBox::information(this, tr("Keyboard Shortcuts"), text);
}

void MainWindow::showAbout() {
  QMessageBox::about(this, tr("About vitlens"),
                     tr("<b>vitlens %1</b><p>See what a Vision Transformer looks at: per-layer and per-head "
                        "attention, rollout, the patch grid and the learned filters.</p><p>Sample photos: "
                        "scikit-image sample data (CC0 / public domain), see resources/samples/README.md.</p>")
                         .arg(QApplication::applicationVersion()));
}

void MainWindow::loadSettings() {
  QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  lastFolder_ =
      settings
          .value(QStringLiteral("files/lastFolder"), QStandardPaths::writableLocation(QStandardPaths::PicturesLocation))
          .toString();
  // Lists saved by earlier versions may hold relative paths and duplicates: keep the absolute ones, once each.
  recentFiles_.clear();
  for (const QString& path : settings.value(QStringLiteral("files/recent")).toStringList()) {
    if (QFileInfo(path).isAbsolute() && !recentFiles_.contains(path)) recentFiles_.append(path);
  }
  ViewSettings view = controls_->settings();
  try {
    view.colormap = parseColormap(
        settings.value(QStringLiteral("view/colormap"), QString::fromStdString(colormapName(view.colormap)))
            .toString()
            .toStdString());
  } catch (const std::exception&) {
    // An unknown name in the settings file keeps the default.
  }
  view.opacity = std::clamp(settings.value(QStringLiteral("view/opacity"), view.opacity).toDouble(), 0.0, 1.0);
  controls_->setSettings(view);
  actions_->setRecentFiles(recentFiles_);
}

void MainWindow::saveSettings() {
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  settings.setValue(QStringLiteral("files/lastFolder"), lastFolder_);
  settings.setValue(QStringLiteral("files/recent"), recentFiles_);
  settings.setValue(QStringLiteral("view/colormap"),
                    QString::fromStdString(colormapName(controls_->settings().colormap)));
  settings.setValue(QStringLiteral("view/opacity"), controls_->settings().opacity);
}

}  // namespace vitlens::ui
