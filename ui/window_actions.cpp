#include "ui/window_actions.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QDockWidget>
#include <QFileInfo>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QToolBar>

#include <utility>

#include "engine/engine.h"
#include "ui/plain_text.h"

namespace vitlens::ui {
namespace {

QAction* makeAction(QMenu* menu, const QString& name, const QString& text, const QKeySequence& shortcut,
                    const QString& tip) {
  QAction* action = menu->addAction(text);
  action->setObjectName(name);  // tests and saved shortcuts find actions by name, not by translated text
  if (!shortcut.isEmpty()) action->setShortcut(shortcut);
  action->setToolTip(tip);
  action->setStatusTip(tip);
  return action;
}

// Arrow and page keys belong to a focused slider, spin box or list; these act when the image view or the
// filmstrip has the focus.
void limitToViewArea(std::initializer_list<QAction*> actions, QWidget* viewArea) {
  for (QAction* action : actions) {
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    viewArea->addAction(action);
  }
}

}  // namespace

WindowActions::WindowActions(QMainWindow* window, QWidget* viewArea) : QObject(window) {
  buildFileMenu(window);
  buildViewMenu(window, viewArea);
  buildAttentionMenu(window, viewArea);
  buildExperimentMenu(window);
  buildModelMenu(window);
  QMenu* help = window->menuBar()->addMenu(tr("&Help"));
  tour =
      makeAction(help, QStringLiteral("tourAction"), tr("&Tour: How a ViT Sees Your Image"), QKeySequence(tr("Ctrl+T")),
                 tr("A guided tour through the model, step by step, on the image shown (the Teach panel)."));
  tourNext = makeAction(help, QStringLiteral("tourNextAction"), tr("Tour: &Next Step"), QKeySequence(tr("Alt+Right")),
                        tr("The tour's next step (Page Down in presentation mode)."));
  tourBack = makeAction(help, QStringLiteral("tourBackAction"), tr("Tour: &Previous Step"),
                        QKeySequence(tr("Alt+Left")), tr("The tour's previous step (Page Up in presentation mode)."));
  help->addSeparator();
  shortcuts = makeAction(help, QStringLiteral("shortcutsAction"), tr("&Keyboard Shortcuts"), QKeySequence::HelpContents,
                         tr("List the shortcuts."));
  about =
      makeAction(help, QStringLiteral("aboutAction"), tr("&About vitlens"), QKeySequence(), tr("Version and credits."));
  buildToolbar(window);
  setRecentFiles({});
}

void WindowActions::buildFileMenu(QMainWindow* window) {
  QMenu* file = window->menuBar()->addMenu(tr("&File"));
  file->setToolTipsVisible(true);
  openImage = makeAction(file, QStringLiteral("openImageAction"), tr("&Open Image…"), QKeySequence::Open,
                         tr("Open an image file and classify it."));
  openFolder =
      makeAction(file, QStringLiteral("openFolderAction"), tr("Open &Folder…"), QKeySequence(tr("Ctrl+Shift+O")),
                 tr("Show a folder's images as a filmstrip; step through them with the arrow keys."));
  evaluateFolder =
      makeAction(file, QStringLiteral("evaluateFolderAction"), tr("&Evaluate Folder…"), QKeySequence(tr("Ctrl+E")),
                 tr("Run the model on a folder of class sub-folders (named like its labels): accuracy, confusion "
                    "matrix, every image's result."));
  recentMenu_ = file->addMenu(tr("Open &Recent"));
  samplesMenu_ = file->addMenu(tr("&Samples"));
  paste = makeAction(file, QStringLiteral("pasteAction"), tr("&Paste Image"), QKeySequence::Paste,
                     tr("Classify the image (or image file) on the clipboard."));
  file->addSeparator();
  openVideo = makeAction(file, QStringLiteral("openVideoAction"), tr("Open &Video…"), QKeySequence(tr("Ctrl+Shift+V")),
                         tr("Classify a video's frames as it plays, with the overlay of the current view; frames the "
                            "model cannot keep up with are skipped."));
  camera = makeAction(file, QStringLiteral("cameraAction"), tr("&Camera"), QKeySequence(tr("Ctrl+Shift+C")),
                      tr("Classify the camera's picture continuously, with the overlay of the current view."));
  pauseLive =
      makeAction(file, QStringLiteral("pauseLiveAction"), tr("Pa&use Live Input"), QKeySequence(tr("Ctrl+Space")),
                 tr("Freeze the current frame of the video or camera, to explore it with every view."));
  pauseLive->setCheckable(true);
  stopLive = makeAction(file, QStringLiteral("stopLiveAction"), tr("S&top Live Input"),
                        QKeySequence(tr("Ctrl+Shift+Space")), tr("Stop the video or camera; the last frame stays."));
  file->addSeparator();
  saveOverlay = makeAction(file, QStringLiteral("saveOverlayAction"), tr("&Save Overlay as PNG…"), QKeySequence::Save,
                           tr("Save the image with the current overlay, at the image's resolution."));
  saveHeads = makeAction(file, QStringLiteral("saveHeadsAction"), tr("Save &Heads Grid as PNG…"), QKeySequence(),
                         tr("Save every layer and head's map as one picture."));
  saveAnatomy = makeAction(file, QStringLiteral("saveAnatomyAction"), tr("Save &Anatomy as PNG…"), QKeySequence(),
                           tr("Save the filters, their principal components and the position similarity."));
  saveMap =
      makeAction(file, QStringLiteral("saveMapAction"), tr("Save Map as &NumPy…"), QKeySequence(tr("Ctrl+Shift+S")),
                 tr("Save the current attention map (patch grid, raw values) as a .npy file."));
  copyView = makeAction(file, QStringLiteral("copyViewAction"), tr("&Copy View"), QKeySequence::Copy,
                        tr("Copy the image with its overlay to the clipboard."));
  file->addSeparator();
  quit = makeAction(file, QStringLiteral("quitAction"), tr("&Quit"), QKeySequence::Quit, tr("Close vitlens."));
}

void WindowActions::buildViewMenu(QMainWindow* window, QWidget* viewArea) {
  QMenu* view = window->menuBar()->addMenu(tr("&View"));
  zoomToFit = makeAction(view, QStringLiteral("zoomToFitAction"), tr("Zoom to &Fit"), QKeySequence(tr("Ctrl+0")),
                         tr("Show the whole image."));
  actualSize = makeAction(view, QStringLiteral("actualSizeAction"), tr("&Actual Size"), QKeySequence(tr("Ctrl+1")),
                          tr("One image pixel per screen pixel."));
  zoomIn =
      makeAction(view, QStringLiteral("zoomInAction"), tr("Zoom &In"), QKeySequence::ZoomIn, tr("Enlarge the image."));
  zoomOut = makeAction(view, QStringLiteral("zoomOutAction"), tr("Zoom &Out"), QKeySequence::ZoomOut,
                       tr("Shrink the image."));
  view->addSeparator();
  nextImage = makeAction(view, QStringLiteral("nextImageAction"), tr("&Next Image"), QKeySequence(Qt::Key_Right),
                         tr("The next image of the opened folder."));
  previousImage = makeAction(view, QStringLiteral("previousImageAction"), tr("&Previous Image"),
                             QKeySequence(Qt::Key_Left), tr("The previous image of the opened folder."));
  limitToViewArea({nextImage, previousImage}, viewArea);
  view->addSeparator();
  presentation =
      makeAction(view, QStringLiteral("presentationAction"), tr("P&resentation Mode"), QKeySequence(tr("F5")),
                 tr("For the projector: full screen, larger text, only the main panels; Page Up / Page "
                    "Down step the tour."));
  presentation->setCheckable(true);
  QMenu* scale = view->addMenu(tr("Presentation &Scale"));
  presentationScales_ = new QActionGroup(this);
  for (double factor : {1.5, 1.75, 2.0}) {
    QAction* action = scale->addAction(tr("%1×").arg(factor));
    action->setCheckable(true);
    action->setChecked(factor == 1.5);
    action->setData(factor);
    presentationScales_->addAction(action);
    connect(action, &QAction::triggered, this, [this, factor] { Q_EMIT presentationScaleChosen(factor); });
  }
  fullScreen = makeAction(view, QStringLiteral("fullScreenAction"), tr("F&ull Screen"), QKeySequence::FullScreen,
                          tr("Fill the screen with the window."));
  fullScreen->setCheckable(true);
  view->addSeparator();
  for (QDockWidget* dock : window->findChildren<QDockWidget*>()) view->addAction(dock->toggleViewAction());
  view->addSeparator();
  buildLanguageMenu(window, view);
}

void WindowActions::buildAttentionMenu(QMainWindow* window, QWidget* viewArea) {
  QMenu* attention = window->menuBar()->addMenu(tr("&Attention"));
  toggleRollout = makeAction(attention, QStringLiteral("toggleRolloutAction"), tr("Toggle &Rollout"),
                             QKeySequence(tr("R")), tr("Switch between one layer's attention and attention rollout."));
  nextLayer = makeAction(attention, QStringLiteral("nextLayerAction"), tr("&Next Layer"),
                         QKeySequence(Qt::Key_PageDown), tr("One layer deeper."));
  previousLayer = makeAction(attention, QStringLiteral("previousLayerAction"), tr("P&revious Layer"),
                             QKeySequence(Qt::Key_PageUp), tr("One layer shallower."));
  limitToViewArea({nextLayer, previousLayer}, viewArea);
  nextHead = makeAction(attention, QStringLiteral("nextHeadAction"), tr("Next &Head"), QKeySequence(tr("H")),
                        tr("The next head (after mean, max and min of the heads)."));
  previousHead = makeAction(attention, QStringLiteral("previousHeadAction"), tr("Previous H&ead"),
                            QKeySequence(tr("Shift+H")), tr("The previous head."));
  toggleQuery =
      makeAction(attention, QStringLiteral("toggleQueryAction"), tr("Toggle &Query Mode"), QKeySequence(tr("Q")),
                 tr("Switch between the class token's attention and a clicked patch's."));
  toggleGrid = makeAction(attention, QStringLiteral("toggleGridAction"), tr("Patch &Grid"), QKeySequence(tr("G")),
                          tr("Show or hide the patch grid."));
  toggleHeatMap = makeAction(attention, QStringLiteral("toggleHeatMapAction"), tr("Heat &Map"), QKeySequence(tr("M")),
                             tr("Show or hide the heat map."));
}

void WindowActions::buildExperimentMenu(QMainWindow* window) {
  QMenu* experiment = window->menuBar()->addMenu(tr("E&xperiment"));
  experiment->setToolTipsVisible(true);
  dropPatches = makeAction(experiment, QStringLiteral("dropPatchesAction"), tr("&Drop Patches"), QKeySequence(tr("D")),
                           tr("Click or drag over the image to remove patches from the model's input (Shift: put them "
                              "back); the prediction follows. The middle button still pans."));
  dropPatches->setCheckable(true);
  QMenu* top = experiment->addMenu(tr("Drop the &Most Important Patches of This Map"));
  top->setToolTipsVisible(true);
  for (const int percent : {5, 10, 25}) {
    QAction* action = makeAction(top, QStringLiteral("dropTop%1Action").arg(percent), tr("Top %1 %").arg(percent),
                                 QKeySequence(), tr("Remove the patches with the highest values in the map shown."));
    action->setData(percent);
    dropTopPatches.append(action);
  }
  restorePatches = makeAction(experiment, QStringLiteral("restorePatchesAction"), tr("&Restore All Patches"),
                              QKeySequence(tr("Shift+D")), tr("Put every dropped patch back."));
  experiment->addSeparator();
  headImportance =
      makeAction(experiment, QStringLiteral("headImportanceAction"), tr("Head &Importance"), QKeySequence(tr("I")),
                 tr("Switch every head off alone and colour its tile by how much the top class's probability "
                    "changes: red, the class needs the head; blue, it does better without it."));
  headImportance->setCheckable(true);
  resetAblations = makeAction(experiment, QStringLiteral("resetAblationsAction"), tr("Switch All Heads &On"),
                              QKeySequence(), tr("Undo the head ablations made with Ctrl+click in the heads grid."));
}

void WindowActions::buildModelMenu(QMainWindow* window) {
  QMenu* model = window->menuBar()->addMenu(tr("&Model"));
  model->setToolTipsVisible(true);
  openModel = makeAction(model, QStringLiteral("openModelAction"), tr("&Open Model…"), QKeySequence(tr("Ctrl+M")),
                         tr("Load a model: a vitlens .safetensors file, a timm or Hugging Face model.safetensors, or "
                            "its config.json."));
  openModelFolder = makeAction(
      model, QStringLiteral("openModelFolderAction"), tr("Open Model &Folder…"), QKeySequence(tr("Ctrl+Shift+M")),
      tr("Load the model in a folder downloaded from a model hub (model.safetensors + config.json)."));
  hubModels = makeAction(model, QStringLiteral("hubModelsAction"), tr("Models on This &Computer…"), QKeySequence(),
                         tr("The ViTs timm and transformers have downloaded into the Hugging Face cache: open one."));
  hubDownload =
      makeAction(model, QStringLiteral("hubDownloadAction"), tr("&Download from Hugging Face…"), QKeySequence(),
                 tr("Fetch a ViT from the Hugging Face hub into the local cache and open it."));
  inputSize = makeAction(model, QStringLiteral("inputSizeAction"), tr("&Input Size…"), QKeySequence(),
                         tr("Run the model at another input size; its position embeddings are interpolated "
                            "bicubically."));
  builtInModel = makeAction(model, QStringLiteral("builtInModelAction"), tr("Use &Built-in Model"), QKeySequence(),
                            tr("The CIFAR-10 model that ships with vitlens."));
  builtInModel->setEnabled(hasBuiltInModel());
  model->addSeparator();
  deviceActions_ = new QActionGroup(this);
  const QStringList deviceNames{tr("&Auto"), tr("&CPU"), tr("C&UDA")};
  const bool cuda = cudaAvailable();
  for (int i = 0; i < deviceNames.size(); ++i) {
    QAction* action = model->addAction(deviceNames[i]);
    action->setCheckable(true);
    action->setActionGroup(deviceActions_);
    if (i == static_cast<int>(DeviceChoice::Cuda) && !cuda) {
      action->setEnabled(false);
      action->setToolTip(tr("No CUDA device: this machine has no NVIDIA GPU, or LibTorch was built without CUDA."));
    }
    connect(action, &QAction::triggered, this, [this, i] { Q_EMIT deviceChosen(static_cast<DeviceChoice>(i)); });
  }
  QMenu* precision = model->addMenu(tr("&Precision"));
  precision->setToolTipsVisible(true);
  precisionActions_ = new QActionGroup(this);
  const std::pair<ComputeDtype, QString> dtypes[] = {
      {ComputeDtype::Auto, tr("&Auto (bfloat16 on CPUs with AMX, else int8, for wide models)")},
      {ComputeDtype::Float32, tr("&float32")},
      {ComputeDtype::BFloat16, tr("&bfloat16")},
      {ComputeDtype::Int8, tr("&int8 (CPU: Linear layers quantized)")},
      {ComputeDtype::Float16, tr("float&16 (CUDA only)")}};
  for (const auto& [dtype, name] : dtypes) {
    QAction* action = precision->addAction(name);
    action->setCheckable(true);
    action->setData(static_cast<int>(dtype));
    action->setActionGroup(precisionActions_);
    if (dtype == ComputeDtype::BFloat16 && !cpuHasNativeBf16()) {
      action->setToolTip(tr("This CPU has no native bfloat16 (AVX-512 BF16 / AMX): it runs, but slower than float32."));
    }
    connect(action, &QAction::triggered, this, [this, dtype = dtype] { Q_EMIT precisionChosen(dtype); });
  }
  precision->addSeparator();
  precisionInUse_ = precision->addAction(tr("No model loaded"));
  precisionInUse_->setObjectName(QStringLiteral("precisionInUse"));
  precisionInUse_->setEnabled(false);
  for (int i = 1; i <= 3; ++i) {  // the reason's further lines
    QAction* line = precision->addAction(QString());
    line->setObjectName(QStringLiteral("precisionInUse%1").arg(i));
    line->setEnabled(false);
    line->setVisible(false);
    precisionReasonLines_ << line;
  }
}

void WindowActions::showPrecisionInUse(const QString& dtype, const QString& reason) {
  // The reason starts with the dtype's name ("bfloat16: this CPU ..."); the menu shows it whole, in lines of at most
  // 64 characters: as one line it ran off a 1280-pixel-wide screen.
  QStringList lines = wrapWords(tr("In use: %1").arg(reason.isEmpty() ? dtype : reason), 64);
  while (lines.size() > precisionReasonLines_.size() + 1) lines[lines.size() - 2] += u' ' + lines.takeLast();
  precisionInUse_->setText(lines.value(0));
  for (int i = 0; i < precisionReasonLines_.size(); ++i) {
    precisionReasonLines_[i]->setText(lines.value(i + 1));
    precisionReasonLines_[i]->setVisible(i + 1 < lines.size());
  }
  precisionInUse_->setToolTip(reason);
  precisionInUse_->setStatusTip(reason);
}

void WindowActions::buildToolbar(QMainWindow* window) {
  QToolBar* tools = window->addToolBar(tr("Main"));
  tools->setObjectName(QStringLiteral("mainToolbar"));
  tools->setMovable(false);
  for (QAction* action : {openImage, openFolder, openModel}) tools->addAction(action);
  tools->addSeparator();
  tools->addAction(previousImage);
  tools->addAction(nextImage);
  tools->addSeparator();
  tools->addAction(zoomToFit);
  tools->addAction(actualSize);
  tools->addSeparator();
  tools->addAction(saveOverlay);
  tools->addSeparator();
  deviceBox_ = new QComboBox;
  deviceBox_->setObjectName(QStringLiteral("deviceBox"));
  deviceBox_->addItems({tr("Auto"), tr("CPU"), tr("CUDA")});
  deviceBox_->setToolTip(tr("Where the model runs: Auto picks the GPU when there is one."));
  if (!cudaAvailable()) {
    deviceBox_->setItemData(2, 0, Qt::UserRole - 1);  // disabled entry
    deviceBox_->setItemData(2, tr("No CUDA device on this machine."), Qt::ToolTipRole);
  }
  connect(deviceBox_, &QComboBox::currentIndexChanged, this,
          [this](int index) { Q_EMIT deviceChosen(static_cast<DeviceChoice>(index)); });
  tools->addWidget(deviceBox_);
}

void WindowActions::update(const ActionState& state) {
  for (QAction* action : {saveOverlay, saveHeads, saveMap, copyView}) action->setEnabled(state.mapShown);
  saveAnatomy->setEnabled(state.hasModel);
  inputSize->setEnabled(state.hasModel);
  evaluateFolder->setEnabled(state.hasModel);
  nextImage->setEnabled(state.hasFolder);
  resetAblations->setEnabled(state.hasAblations);
  restorePatches->setEnabled(state.hasDropped);
  for (QAction* action : dropTopPatches) action->setEnabled(state.mapShown);
  for (QAction* action : {dropPatches, headImportance}) action->setEnabled(state.hasImage);
  previousImage->setEnabled(state.hasFolder);
  pauseLive->setEnabled(state.live);
  stopLive->setEnabled(state.live);
  openVideo->setEnabled(state.hasModel);
  camera->setEnabled(state.hasModel);
}

void WindowActions::setRecentFiles(const QStringList& paths) {
  recentMenu_->clear();
  for (const QString& path : paths) {
    QAction* action = recentMenu_->addAction(QFileInfo(path).fileName());
    action->setToolTip(plainToolTip(path));
    connect(action, &QAction::triggered, this, [this, path] { Q_EMIT recentFileChosen(path); });
  }
  recentMenu_->setEnabled(!paths.isEmpty());
}

void WindowActions::setSamples(const QStringList& resourcePaths) {
  samplesMenu_->clear();
  for (const QString& path : resourcePaths) {
    QAction* action = samplesMenu_->addAction(QFileInfo(path).completeBaseName());
    connect(action, &QAction::triggered, this, [this, path] { Q_EMIT sampleChosen(path); });
  }
  samplesMenu_->setEnabled(!resourcePaths.isEmpty());
}

void WindowActions::showChoice(DeviceChoice device, ComputeDtype dtype) {
  const int index = static_cast<int>(device);
  {
    const QSignalBlocker block(deviceBox_);
    deviceBox_->setCurrentIndex(index);
  }
  const QList<QAction*> devices = deviceActions_->actions();
  if (index < devices.size()) devices[index]->setChecked(true);
  for (QAction* action : precisionActions_->actions()) {
    action->setChecked(action->data().toInt() == static_cast<int>(dtype));
  }
}

}  // namespace vitlens::ui
