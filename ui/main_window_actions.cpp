// MainWindow's menus, toolbar, shortcuts, help and persisted settings (file work: main_window_files.cpp).
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QComboBox>
#include <QDirIterator>
#include <QDockWidget>
#include <QFileInfo>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolBar>

#include "ui/attention_controls.h"
#include "ui/filmstrip.h"
#include "ui/image_view.h"
#include "ui/main_window.h"
#include "ui/plain_text.h"

namespace vitlens::ui {
namespace {

constexpr int kMaxRecentFiles = 10;

QAction* makeAction(QMenu* menu, const QString& text, const QKeySequence& shortcut, const QString& tip) {
  QAction* action = menu->addAction(text);
  if (!shortcut.isEmpty()) action->setShortcut(shortcut);
  action->setToolTip(tip);
  action->setStatusTip(tip);
  return action;
}

}  // namespace

void MainWindow::buildActions() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->setToolTipsVisible(true);
  QAction* open = makeAction(file, tr("&Open Image…"), QKeySequence::Open, tr("Open an image file and classify it."));
  connect(open, &QAction::triggered, this, &MainWindow::chooseImage);
  QAction* openFolder = makeAction(file, tr("Open &Folder…"), QKeySequence(tr("Ctrl+Shift+O")),
                                   tr("Show a folder's images as a filmstrip; step through them with the arrow keys."));
  connect(openFolder, &QAction::triggered, this, &MainWindow::chooseFolder);
  recentMenu_ = file->addMenu(tr("Open &Recent"));
  QMenu* samples = file->addMenu(tr("&Samples"));
  buildSamplesMenu(samples);
  QAction* paste = makeAction(file, tr("&Paste Image"), QKeySequence::Paste,
                              tr("Classify the image (or image file) on the clipboard."));
  connect(paste, &QAction::triggered, this, &MainWindow::pasteFromClipboard);
  file->addSeparator();
  QAction* saveOverlay = makeAction(file, tr("&Save Overlay as PNG…"), QKeySequence::Save,
                                    tr("Save the image with the current overlay, at the image's resolution."));
  connect(saveOverlay, &QAction::triggered, this, [this] {
    saveWithDialog(tr("Save Overlay"), QStringLiteral("overlay.png"), tr("PNG images (*.png)"),
                   &MainWindow::exportOverlay);
  });
  QAction* saveHeads = makeAction(file, tr("Save &Heads Grid as PNG…"), QKeySequence(),
                                  tr("Save every layer and head's map as one picture."));
  connect(saveHeads, &QAction::triggered, this, [this] {
    saveWithDialog(tr("Save Heads Grid"), QStringLiteral("heads.png"), tr("PNG images (*.png)"),
                   &MainWindow::exportHeadsGrid);
  });
  QAction* saveAnatomy = makeAction(file, tr("Save &Anatomy as PNG…"), QKeySequence(),
                                    tr("Save the filters, their principal components and the position similarity."));
  connect(saveAnatomy, &QAction::triggered, this, [this] {
    saveWithDialog(tr("Save Model Anatomy"), QStringLiteral("anatomy.png"), tr("PNG images (*.png)"),
                   &MainWindow::exportAnatomy);
  });
  QAction* saveNpy = makeAction(file, tr("Save Map as &NumPy…"), QKeySequence(tr("Ctrl+Shift+S")),
                                tr("Save the current attention map (patch grid, raw values) as a .npy file."));
  connect(saveNpy, &QAction::triggered, this, [this] {
    saveWithDialog(tr("Save Map"), QStringLiteral("attention.npy"), tr("NumPy arrays (*.npy)"),
                   &MainWindow::exportMapNpy);
  });
  QAction* copy =
      makeAction(file, tr("&Copy View"), QKeySequence::Copy, tr("Copy the image with its overlay to the clipboard."));
  connect(copy, &QAction::triggered, this, &MainWindow::copyViewToClipboard);
  file->addSeparator();
  // Enabled from the window's state by updateActions(): an action never runs only to say there is nothing to do.
  saveOverlay->setObjectName(QStringLiteral("saveOverlayAction"));
  saveHeads->setObjectName(QStringLiteral("saveHeadsAction"));
  saveAnatomy->setObjectName(QStringLiteral("saveAnatomyAction"));
  saveNpy->setObjectName(QStringLiteral("saveMapAction"));
  copy->setObjectName(QStringLiteral("copyViewAction"));
  needsMap_ = {saveOverlay, saveHeads, saveNpy, copy};
  needsModel_ = {saveAnatomy};
  QAction* quit = makeAction(file, tr("&Quit"), QKeySequence::Quit, tr("Close vitlens."));
  connect(quit, &QAction::triggered, this, &QWidget::close);

  viewMenu_ = menuBar()->addMenu(tr("&View"));
  QAction* fit = makeAction(viewMenu_, tr("Zoom to &Fit"), QKeySequence(tr("Ctrl+0")), tr("Show the whole image."));
  connect(fit, &QAction::triggered, imageView_, &ImageView::zoomToFit);
  QAction* actual =
      makeAction(viewMenu_, tr("&Actual Size"), QKeySequence(tr("Ctrl+1")), tr("One image pixel per screen pixel."));
  connect(actual, &QAction::triggered, imageView_, &ImageView::zoomToActualSize);
  QAction* zoomIn = makeAction(viewMenu_, tr("Zoom &In"), QKeySequence::ZoomIn, tr("Enlarge the image."));
  connect(zoomIn, &QAction::triggered, imageView_, &ImageView::zoomIn);
  QAction* zoomOut = makeAction(viewMenu_, tr("Zoom &Out"), QKeySequence::ZoomOut, tr("Shrink the image."));
  connect(zoomOut, &QAction::triggered, imageView_, &ImageView::zoomOut);
  viewMenu_->addSeparator();
  QAction* next =
      makeAction(viewMenu_, tr("&Next Image"), QKeySequence(Qt::Key_Right), tr("The next image of the opened folder."));
  connect(next, &QAction::triggered, this, [this] { filmstrip_->step(1); });
  QAction* previous = makeAction(viewMenu_, tr("&Previous Image"), QKeySequence(Qt::Key_Left),
                                 tr("The previous image of the opened folder."));
  connect(previous, &QAction::triggered, this, [this] { filmstrip_->step(-1); });
  next->setObjectName(QStringLiteral("nextImageAction"));
  previous->setObjectName(QStringLiteral("previousImageAction"));
  needsFolder_ = {next, previous};
  // Arrow and page keys belong to a focused slider, spin box or list; these shortcuts act when the image view or
  // the filmstrip has the focus.
  for (QAction* action : {next, previous}) {
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    centralWidget()->addAction(action);
  }
  viewMenu_->addSeparator();
  for (QDockWidget* dock : findChildren<QDockWidget*>()) viewMenu_->addAction(dock->toggleViewAction());

  QMenu* attention = menuBar()->addMenu(tr("&Attention"));
  QAction* method = makeAction(attention, tr("Toggle &Rollout"), QKeySequence(tr("R")),
                               tr("Switch between one layer's attention and attention rollout."));
  connect(method, &QAction::triggered, controls_, &AttentionControls::toggleMethod);
  QAction* layerUp = makeAction(attention, tr("&Next Layer"), QKeySequence(Qt::Key_PageDown), tr("One layer deeper."));
  connect(layerUp, &QAction::triggered, this, [this] { controls_->stepLayer(1); });
  QAction* layerDown =
      makeAction(attention, tr("P&revious Layer"), QKeySequence(Qt::Key_PageUp), tr("One layer shallower."));
  connect(layerDown, &QAction::triggered, this, [this] { controls_->stepLayer(-1); });
  QAction* headNext = makeAction(attention, tr("Next &Head"), QKeySequence(tr("H")),
                                 tr("The next head (after mean, max and min of the heads)."));
  connect(headNext, &QAction::triggered, this, [this] { controls_->stepHead(1); });
  QAction* headPrevious =
      makeAction(attention, tr("Previous H&ead"), QKeySequence(tr("Shift+H")), tr("The previous head."));
  for (QAction* action : {layerUp, layerDown}) {
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    centralWidget()->addAction(action);
  }
  connect(headPrevious, &QAction::triggered, this, [this] { controls_->stepHead(-1); });
  QAction* query = makeAction(attention, tr("Toggle &Query Mode"), QKeySequence(tr("Q")),
                              tr("Switch between the class token's attention and a clicked patch's."));
  connect(query, &QAction::triggered, this, [this] {
    QComboBox* box = controls_->queryBox();
    box->setCurrentIndex(1 - box->currentIndex());
  });
  QAction* grid = makeAction(attention, tr("Patch &Grid"), QKeySequence(tr("G")), tr("Show or hide the patch grid."));
  connect(grid, &QAction::triggered, controls_, &AttentionControls::toggleGrid);
  QAction* heat = makeAction(attention, tr("Heat &Map"), QKeySequence(tr("M")), tr("Show or hide the heat map."));
  connect(heat, &QAction::triggered, this, [this] {
    ViewSettings s = controls_->settings();
    s.showOverlay = !s.showOverlay;
    controls_->setSettings(s);
  });

  QMenu* modelMenu = menuBar()->addMenu(tr("&Model"));
  modelMenu->setToolTipsVisible(true);
  QAction* openModelAction =
      makeAction(modelMenu, tr("&Open Model…"), QKeySequence(tr("Ctrl+M")),
                 tr("Load a model: a vitlens .safetensors file, a timm or Hugging Face model.safetensors, or its "
                    "config.json."));
  connect(openModelAction, &QAction::triggered, this, &MainWindow::chooseModel);
  QAction* openFolderModel =
      makeAction(modelMenu, tr("Open Model &Folder…"), QKeySequence(tr("Ctrl+Shift+M")),
                 tr("Load the model in a folder downloaded from a model hub (model.safetensors + config.json)."));
  connect(openFolderModel, &QAction::triggered, this, &MainWindow::chooseModelFolder);
  QAction* inputSize = makeAction(modelMenu, tr("&Input Size…"), QKeySequence(),
                                  tr("Run the model at another input size; its position embeddings are interpolated "
                                     "bicubically."));
  connect(inputSize, &QAction::triggered, this, &MainWindow::chooseInputSize);
  QAction* builtIn = makeAction(modelMenu, tr("Use &Built-in Model"), QKeySequence(),
                                tr("The CIFAR-10 model that ships with vitlens."));
  connect(builtIn, &QAction::triggered, this, [this] { openModel(QString()); });
  builtIn->setEnabled(hasBuiltInModel());
  modelMenu->addSeparator();
  deviceActions_ = new QActionGroup(this);
  const QStringList deviceNames{tr("&Auto"), tr("&CPU"), tr("C&UDA")};
  const bool cuda = cudaAvailable();
  for (int i = 0; i < deviceNames.size(); ++i) {
    QAction* action = modelMenu->addAction(deviceNames[i]);
    action->setCheckable(true);
    action->setChecked(i == static_cast<int>(device_));
    action->setActionGroup(deviceActions_);
    if (i == 2 && !cuda) {
      action->setEnabled(false);
      action->setToolTip(tr("No CUDA device: this machine has no NVIDIA GPU, or LibTorch was built without CUDA."));
    }
    connect(action, &QAction::triggered, this, [this, i] { setDevice(static_cast<DeviceChoice>(i)); });
  }
  QMenu* precision = modelMenu->addMenu(tr("&Precision"));
  precision->setToolTipsVisible(true);
  precisionActions_ = new QActionGroup(this);
  const std::pair<ComputeDtype, QString> dtypes[] = {
      {ComputeDtype::Auto, tr("&Auto (bfloat16 where the CPU has it natively, else float32)")},
      {ComputeDtype::Float32, tr("&float32")},
      {ComputeDtype::BFloat16, tr("&bfloat16")},
      {ComputeDtype::Float16, tr("float&16 (CUDA only)")}};
  for (const auto& [dtype, name] : dtypes) {
    QAction* action = precision->addAction(name);
    action->setCheckable(true);
    action->setChecked(dtype == ComputeDtype::Auto);
    action->setData(static_cast<int>(dtype));
    action->setActionGroup(precisionActions_);
    if (dtype == ComputeDtype::BFloat16 && !cpuHasNativeBf16()) {
      action->setToolTip(tr("This CPU has no native bfloat16 (AVX-512 BF16 / AMX): it runs, but slower than float32."));
    }
    connect(action, &QAction::triggered, this, [this, dtype = dtype] { setPrecision(dtype); });
  }

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  connect(makeAction(help, tr("&Keyboard Shortcuts"), QKeySequence::HelpContents, tr("List the shortcuts.")),
          &QAction::triggered, this, &MainWindow::showShortcuts);
  connect(makeAction(help, tr("&About vitlens"), QKeySequence(), tr("Version and credits.")), &QAction::triggered, this,
          &MainWindow::showAbout);

  QToolBar* tools = addToolBar(tr("Main"));
  tools->setObjectName(QStringLiteral("mainToolbar"));
  tools->setMovable(false);
  tools->addAction(open);
  tools->addAction(openFolder);
  tools->addAction(openModelAction);
  tools->addSeparator();
  tools->addAction(previous);
  tools->addAction(next);
  tools->addSeparator();
  tools->addAction(fit);
  tools->addAction(actual);
  tools->addSeparator();
  tools->addAction(saveOverlay);
  tools->addSeparator();
  deviceBox_ = new QComboBox;
  deviceBox_->addItems({tr("Auto"), tr("CPU"), tr("CUDA")});
  deviceBox_->setToolTip(tr("Where the model runs: Auto picks the GPU when there is one."));
  deviceBox_->setCurrentIndex(static_cast<int>(device_));
  if (!cuda) {
    deviceBox_->setItemData(2, 0, Qt::UserRole - 1);  // disabled entry
    deviceBox_->setItemData(2, tr("No CUDA device on this machine."), Qt::ToolTipRole);
  }
  connect(deviceBox_, &QComboBox::currentIndexChanged, this,
          [this](int index) { setDevice(static_cast<DeviceChoice>(index)); });
  tools->addWidget(deviceBox_);
  rebuildRecentMenu();
}

void MainWindow::buildSamplesMenu(QMenu* menu) {
  QStringList samples;
  for (QDirIterator it(QStringLiteral(":/samples")); it.hasNext();) {
    const QString path = it.next();
    if (!path.endsWith(QStringLiteral(".md"))) samples.append(path);
  }
  samples.sort();
  for (const QString& path : samples) {
    QAction* action = menu->addAction(QFileInfo(path).completeBaseName());
    connect(action, &QAction::triggered, this, [this, path] { loadSample(path); });
  }
  menu->setEnabled(!samples.isEmpty());
}

void MainWindow::rebuildRecentMenu() {
  recentMenu_->clear();
  for (const QString& path : recentFiles_) {
    QAction* action = recentMenu_->addAction(QFileInfo(path).fileName());
    action->setToolTip(plainToolTip(path));
    connect(action, &QAction::triggered, this, [this, path] { openImage(path); });
  }
  recentMenu_->setEnabled(!recentFiles_.isEmpty());
}

void MainWindow::updateActions() {
  const bool haveMap = result_.has_value() && mapShown_ && !currentMap_.empty();
  for (QAction* action : needsMap_) action->setEnabled(haveMap);
  for (QAction* action : needsModel_) action->setEnabled(model_.has_value());
  for (QAction* action : needsFolder_) action->setEnabled(filmstrip_->count() > 0);
}

void MainWindow::addRecentFile(const QString& path) {
  // Absolute and canonical, so Open Recent works from any working folder and one file is listed once.
  const QFileInfo info(path);
  const QString absolute = info.canonicalFilePath().isEmpty() ? info.absoluteFilePath() : info.canonicalFilePath();
  recentFiles_.removeAll(absolute);
  recentFiles_.prepend(absolute);
  while (recentFiles_.size() > kMaxRecentFiles) recentFiles_.removeLast();
  lastFolder_ = QFileInfo(path).absolutePath();
  rebuildRecentMenu();
}

void MainWindow::showShortcuts() {
  QString text = QStringLiteral("<table>");
  for (QAction* action : findChildren<QAction*>()) {
    if (action->shortcut().isEmpty()) continue;
    text += QStringLiteral("<tr><td><b>%1</b></td><td>&nbsp;&nbsp;%2</td></tr>")
                .arg(action->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped(),
                     action->text().remove(QLatin1Char('&')).toHtmlEscaped());
  }
  text += QStringLiteral("</table><p>Mouse: wheel zooms, drag pans, click picks the query patch in Patch mode.</p>");
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
  rebuildRecentMenu();
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

// Reloads of the current model with other load options (Model menu).
void MainWindow::setPrecision(ComputeDtype dtype) {
  ModelLoadOptions options = requestedOptions_;
  options.dtype = dtype;
  openModel(requestedModelPath_, options);
}

void MainWindow::setInputSize(int height, int width) {
  ModelLoadOptions options = requestedOptions_;
  options.inputHeight = height;
  options.inputWidth = width;
  openModel(requestedModelPath_, options);
}

void MainWindow::syncPrecisionWidgets(ComputeDtype dtype) {
  if (!precisionActions_) return;
  for (QAction* action : precisionActions_->actions()) {
    action->setChecked(action->data().toInt() == static_cast<int>(dtype));
  }
}

}  // namespace vitlens::ui
