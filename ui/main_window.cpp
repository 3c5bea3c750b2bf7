#include "ui/main_window.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cstdio>
#include <optional>

#include "engine/error_text.h"
#include "ui/anatomy_view.h"
#include "ui/attention_controls.h"
#include "ui/attention_distance_chart.h"
#include "ui/evaluation_panel.h"
#include "ui/faithfulness_panel.h"
#include "ui/filmstrip.h"
#include "ui/heads_grid.h"
#include "ui/image_convert.h"
#include "ui/image_view.h"
#include "ui/lens_strip.h"
#include "ui/overlay_renderer.h"
#include "ui/plain_text.h"
#include "ui/prediction_panel.h"
#include "ui/window_actions.h"
#include "util/message_text.h"

namespace vitlens::ui {
namespace {

QDockWidget* makeDock(const QString& title, const QString& objectName, QWidget* content, QWidget* parent) {
  auto* dock = new QDockWidget(title, parent);
  dock->setObjectName(objectName);  // saveState() needs names
  dock->setWidget(content);
  return dock;
}

}  // namespace

MainWindow::MainWindow(const QString& modelPath, DeviceChoice device, bool interactive, QWidget* parent)
    : QMainWindow(parent), interactive_(interactive) {
  setWindowTitle(QStringLiteral("vitlens"));
  setAcceptDrops(true);
  resize(1440, 900);
  session_ = new ModelSession(this);
  connect(session_, &ModelSession::modelLoaded, this, &MainWindow::onModelLoaded);
  connect(session_, &ModelSession::modelMoved, this, [this](const ModelInfo& info, const QString& message) {
    showModelLabel(info);
    actions_->showPrecisionInUse(info.dtype, info.dtypeReason);
    statusBar()->showMessage(message, 15000);
  });
  connect(session_, &ModelSession::modelFailed, this, &MainWindow::showError);
  connect(session_, &ModelSession::imageReady, this, &MainWindow::onImageReady);
  connect(session_, &ModelSession::imageFailed, this, [this](const QString& message) {
    if (liveBusy_) {  // one bad frame of a video: said in the status bar, and the video goes on
      liveFrameShown(false);
      statusBar()->showMessage(message, 5000);
      return;
    }
    showError(message);
  });
  connect(session_, &ModelSession::errorOccurred, this, &MainWindow::showError);
  connect(session_, &ModelSession::busyChanged, this, &MainWindow::onBusyChanged);
  connect(session_, &ModelSession::faithfulnessReady, this, &MainWindow::onFaithfulnessReady);
  connect(session_, &ModelSession::experimentReady, this, &MainWindow::onExperimentReady);
  connect(session_, &ModelSession::headScanReady, this, &MainWindow::onHeadScanReady);
  connect(session_, &ModelSession::headScanFailed, this,
          [this](const QString& message) { showError(tr("Could not measure head importance: %1").arg(message)); });
  connect(session_, &ModelSession::experimentFailed, this,
          [this](const QString& message) { showError(tr("Could not run the experiment: %1").arg(message)); });
  connect(session_, &ModelSession::faithfulnessFailed, this,
          [this](const QString& message) { showError(tr("Could not measure faithfulness: %1").arg(message)); });
  connect(session_, &ModelSession::mapReady, this, &MainWindow::onMapReady);
  connect(session_, &ModelSession::queryTraceReady, this, &MainWindow::onQueryTraceReady);
  connect(session_, &ModelSession::queryTraceFailed, this, [this](const QString& message) {
    showError(tr("Could not work out the query's attention: %1").arg(message));
  });
  connect(session_, &ModelSession::mapFailed, this, [this](const QString& message) {
    if (liveAwaitingMap_) liveFrameShown(false);
    showError(tr("Could not compute the attention map: %1").arg(message));
  });
  buildLayout();
  actions_ = new WindowActions(this, centralWidget());
  connect(session_, &ModelSession::choiceChanged, actions_, &WindowActions::showChoice);
  connectActions();
  updateActions();
  loadSettings();
  // --screenshot (not interactive) must fail on a bad model instead of falling back to the built-in one.
  session_->start(modelPath, device, interactive);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildLayout() {
  imageView_ = new ImageView;
  imageView_->setPlaceholderText(
      tr("Open an image (Ctrl+O), drop one here, paste one (Ctrl+V),\n"
         "or pick a photo from File › Samples."));
  filmstrip_ = new Filmstrip;
  filmstrip_->hide();
  auto* central = new QWidget;
  auto* centralLayout = new QVBoxLayout(central);
  centralLayout->setContentsMargins(0, 0, 0, 0);
  centralLayout->setSpacing(0);
  centralLayout->addWidget(imageView_, 1);
  centralLayout->addWidget(filmstrip_);
  setCentralWidget(central);

  predictions_ = new PredictionPanel;
  lens_ = new LensStrip;
  auto* predictionBox = new QWidget;
  auto* predictionLayout = new QVBoxLayout(predictionBox);
  predictionLayout->setContentsMargins(0, 0, 0, 0);
  predictionLayout->addWidget(predictions_);
  predictionLayout->addWidget(lens_);
  predictionLayout->addStretch(1);
  controls_ = new AttentionControls;
  headsGrid_ = new HeadsGrid;
  distanceChart_ = new AttentionDistanceChart;
  auto* headsSplit = new QSplitter(Qt::Vertical);
  headsSplit->addWidget(headsGrid_);
  headsSplit->addWidget(distanceChart_);
  headsSplit->setStretchFactor(0, 3);
  headsSplit->setStretchFactor(1, 2);
  anatomy_ = new AnatomyView;
  faithfulness_ = new FaithfulnessPanel;
  evaluation_ = new EvaluationPanel;

  QDockWidget* predictionDock = makeDock(tr("Prediction"), QStringLiteral("prediction"), predictionBox, this);
  QDockWidget* controlsDock = makeDock(tr("Attention"), QStringLiteral("attention"), controls_, this);
  QDockWidget* headsDock = makeDock(tr("Heads"), QStringLiteral("heads"), headsSplit, this);
  QDockWidget* anatomyDock = makeDock(tr("Model anatomy"), QStringLiteral("anatomy"), anatomy_, this);
  QDockWidget* faithfulnessDock = makeDock(tr("Faithfulness"), QStringLiteral("faithfulness"), faithfulness_, this);
  QDockWidget* evaluationDock = makeDock(tr("Evaluation"), QStringLiteral("evaluation"), evaluation_, this);
  QDockWidget* teachDock = buildTeachDock();
  addDockWidget(Qt::LeftDockWidgetArea, predictionDock);
  addDockWidget(Qt::LeftDockWidgetArea, controlsDock);
  addDockWidget(Qt::RightDockWidgetArea, headsDock);
  addDockWidget(Qt::RightDockWidgetArea, anatomyDock);
  addDockWidget(Qt::RightDockWidgetArea, faithfulnessDock);
  addDockWidget(Qt::RightDockWidgetArea, evaluationDock);
  tabifyDockWidget(headsDock, anatomyDock);
  tabifyDockWidget(anatomyDock, faithfulnessDock);
  tabifyDockWidget(faithfulnessDock, evaluationDock);
  addDockWidget(Qt::LeftDockWidgetArea, teachDock);
  tabifyDockWidget(controlsDock, teachDock);
  teachDock->hide();  // Help › Tour opens it
  headsDock->raise();
  resizeDocks({predictionDock, headsDock}, {330, 430}, Qt::Horizontal);

  modelLabel_ = new QLabel(tr("loading model…"));
  modelLabel_->setObjectName(QStringLiteral("modelLabel"));
  modelLabel_->setTextFormat(Qt::PlainText);  // the model's name comes from its file
  busyBar_ = new QProgressBar;
  busyBar_->setRange(0, 0);  // indeterminate
  busyBar_->setMaximumWidth(120);
  busyBar_->setMaximumHeight(14);
  busyBar_->setToolTip(tr("The model is working in the background; the window stays usable."));
  // Its room is kept while hidden: shown and hidden twice per image, it must not shift the labels beside it.
  QSizePolicy keepRoom = busyBar_->sizePolicy();
  keepRoom.setRetainSizeWhenHidden(true);
  busyBar_->setSizePolicy(keepRoom);
  busyBar_->hide();
  buildLiveInput();
  statusBar()->addPermanentWidget(busyBar_);
  statusBar()->addPermanentWidget(modelLabel_);

  connect(controls_, &AttentionControls::settingsChanged, this, &MainWindow::onSettingsChanged);
  connect(imageView_, &ImageView::imageHovered, this, &MainWindow::onImageHovered);
  connect(imageView_, &ImageView::hoverLeft, this, [this] {
    hoverText_.clear();
    statusBar()->clearMessage();
  });
  connect(imageView_, &ImageView::imageClicked, this, &MainWindow::onImageClicked);
  connect(imageView_, &ImageView::imageStroked, this, &MainWindow::onImageStroked);
  connect(headsGrid_, &HeadsGrid::tileClicked, this, &MainWindow::onTileClicked);
  connect(predictions_, &PredictionPanel::classClicked, this, &MainWindow::explainClass);
  connect(headsGrid_, &HeadsGrid::ablationToggled, this, &MainWindow::toggleAblation);
  connect(faithfulness_, &FaithfulnessPanel::measureRequested, this, [this] { measureFaithfulness(false); });
  connect(faithfulness_, &FaithfulnessPanel::compareRequested, this, [this] { measureFaithfulness(true); });
  connect(evaluation_, &EvaluationPanel::cellChosen, this, &MainWindow::showConfusionCell);
  connect(evaluation_, &EvaluationPanel::imageChosen, this, &MainWindow::openImage);
  connect(evaluation_, &EvaluationPanel::cancelRequested, this, &MainWindow::cancelEvaluation);
  connect(evaluation_, &EvaluationPanel::exportJsonRequested, this, [this] {
    saveWithDialog(tr("Save Results as JSON"), QStringLiteral("evaluation.json"), tr("JSON (*.json)"),
                   &MainWindow::exportEvaluationJson);
  });
  connect(evaluation_, &EvaluationPanel::exportCsvRequested, this, [this] {
    saveWithDialog(tr("Save Results as CSV"), QStringLiteral("evaluation.csv"), tr("CSV (*.csv)"),
                   &MainWindow::exportEvaluationCsv);
  });
  connect(evaluation_, &EvaluationPanel::exportMatrixRequested, this, [this] {
    saveWithDialog(tr("Save Confusion Matrix as PNG"), QStringLiteral("confusion.png"), tr("PNG images (*.png)"),
                   &MainWindow::exportConfusionPng);
  });
  connect(session_, &ModelSession::folderProgress, evaluation_, &EvaluationPanel::setProgress);
  connect(session_, &ModelSession::folderReady, this, [this](const FolderResult& result) {
    evaluation_->setEvaluation(result.evaluation, result.folder);
    statusBar()->showMessage(tr("Evaluated %1: accuracy %2 %")
                                 .arg(result.folder)
                                 .arg(100.0 * result.evaluation->confusion.accuracy(), 0, 'f', 2),
                             8000);
  });
  connect(session_, &ModelSession::folderFailed, this, [this](const QString& message) {
    evaluation_->setFailed(tr("Could not evaluate the folder: %1").arg(message));
    showError(tr("Could not evaluate the folder: %1").arg(message));
  });
  connect(filmstrip_, &Filmstrip::imageActivated, this, [this](const QString& path) {
    if (!session_->result() || path != session_->result()->path) openImage(path);
  });
}

void MainWindow::openImage(const QString& path) {
  pauseLiveForImage();
  session_->openImageFile(path);
}

void MainWindow::openImageData(const cv::Mat& rgb, const QString& name) {
  pauseLiveForImage();
  filmstrip_->setCurrentPath(QString());  // a pasted or dropped image is none of the folder's files
  session_->openImageData(rgb, name);
}

void MainWindow::openModel(const QString& path, const ModelLoadOptions& options) { session_->openModel(path, options); }
void MainWindow::setDevice(DeviceChoice device) { session_->setDevice(device); }
void MainWindow::setPrecision(ComputeDtype dtype) { session_->setPrecision(dtype); }
void MainWindow::setInputSize(int height, int width) { session_->setInputSize(height, width); }

bool MainWindow::raiseDock(const QString& name) {
  auto* dock = findChild<QDockWidget*>(name);
  if (dock == nullptr) return false;
  dock->show();
  dock->raise();
  return true;
}

void MainWindow::waitForIdle() { session_->waitForIdle(); }
quint64 MainWindow::mapJobs() const { return session_->mapJobs(); }

QString MainWindow::imageName() const { return result() ? result()->imageName : QString(); }

void MainWindow::onModelLoaded(const ModelInfo& info) {
  change_ = {};  // another model: its heads and patches are not the changed ones
  headsGrid_->setAblated({});
  headsGrid_->setImportance({}, QString());
  mapsChanged_ = false;
  actions_->showPrecisionInUse(info.dtype, info.dtypeReason);
  updateActions();
  const auto trained = info.meta.provenance.find("trained");
  predictions_->setWarning(
      trained != info.meta.provenance.end() && trained->second == "no" ? tr("untrained: random weights") : QString());
  const VitConfig& c = info.meta.config;
  QStringList classNames;
  for (int64_t i = 0; i < c.numClasses; ++i) classNames << QString::fromStdString(info.meta.label(i));
  controls_->setClassNames(classNames);
  controls_->setModelShape(static_cast<int>(c.depth), static_cast<int>(c.numHeads), c.classToken,
                           static_cast<int>(c.numPatches()));
  try {
    anatomy_->setModel(info);
  } catch (const std::exception& e) {
    showError(tr("Could not draw the model's anatomy: %1").arg(QString::fromStdString(errorMessage(e))));
  }
  showModelLabel(info);
  tourModelChanged();
  statusBar()->showMessage(
      tr("Loaded %1 on %2 in %3 ms").arg(info.source, info.device.toUpper()).arg(info.loadMilliseconds, 0, 'f', 0) +
          (info.notes.isEmpty() ? QString() : QStringLiteral(" · ") + info.notes.join(QStringLiteral("; "))),
      info.notes.isEmpty() ? 5000 : 15000);
}

void MainWindow::showModelLabel(const ModelInfo& info) {
  const VitConfig& c = info.meta.config;
  // A model run at another input size than it was trained for says so wherever the model is named.
  const bool resized = info.options.inputHeight > 0;
  modelLabel_->setText(resized ? tr("%1 · %2×%3, position embeddings interpolated · %4")
                                     .arg(QString::fromStdString(info.meta.name))
                                     .arg(c.imageHeight)
                                     .arg(c.imageWidth)
                                     .arg(info.device.toUpper())
                               : tr("%1 · %2").arg(QString::fromStdString(info.meta.name), info.device.toUpper()));
  modelLabel_->setToolTip(
      plainToolTip(info.notes.isEmpty() ? info.source : info.source + "\n\n" + info.notes.join("\n")));
}

void MainWindow::onImageReady(const AnalysisResult& result) {
  const bool newImage = result.rgb.size() != shownImageSize_;
  shownImageSize_ = result.rgb.size();
  if (!result.path.isEmpty()) {
    addRecentFile(result.path);
    filmstrip_->setCurrentPath(result.path);
  }
  QVector<Prediction> top;
  for (const ClassScore& score : result.analysis.classification.top) {
    top.append(
        {QString::fromStdString(score.label), static_cast<double>(score.probability), static_cast<int>(score.index)});
  }
  const Classification& classification = result.analysis.classification;
  QString device = QString::fromStdString(classification.device);
  if (classification.dtype != "float32") device += QLatin1Char(' ') + QString::fromStdString(classification.dtype);
  predictions_->setPredictions(top, device, classification.milliseconds);
  if (const ModelInfo* info = session_->model()) {
    distanceChart_->setDistances(result.meanDistances, static_cast<double>(info->meta.config.imageWidth));
  }
  faithfulness_->clear();  // its numbers were the previous image's
  predictions_->setChanged({}, QString());
  lens_->clear();
  headsGrid_->setImportance({}, QString());
  mapsChanged_ = false;
  // Live frames keep up by skipping the logit lens and head scan unless a change asks for the changed prediction;
  // a paused or finished video gets them.
  const bool live = isLiveResult(result.imageName);
  if (!live || !change_.empty()) session_->runExperiment(change_);  // the lens, and the prediction with the change
  if (!live && actions_->headImportance->isChecked()) session_->scanHeads();
  // A new image's maps and tiles come from the worker; until then the previous image's stay out of view.
  mapShown_ = false;
  tileQuery_ = kNoTiles;
  tileMaps_.clear();
  updateActions();
  requestMap();
  if (newImage) imageView_->zoomToFit();
  updateTitle();
  tourImageChanged();
  if (live) {
    liveAwaitingMap_ = result.analysis.attention != nullptr;
    if (!liveAwaitingMap_) liveFrameShown(true);
  }
}

void MainWindow::onBusyChanged(bool busy) {
  busyBar_->setVisible(busy);
  faithfulness_->setBusy(busy);
  predictions_->setBusy(busy);
}

void MainWindow::onTileClicked(int layer, int head) {
  ViewSettings settings = controls_->settings();
  settings.method = AttentionMethod::Raw;
  settings.layer = layer == headsGrid_->layers() - 1 ? -1 : layer;  // the tiles' model, even mid-switch
  settings.heads = HeadSelection{HeadReduce::Single, head};
  controls_->setSettings(settings);
}

void MainWindow::explainClass(int index) {
  // A click on a class asks "why this one?": a class-specific map for it (GAE unless one is chosen already).
  ViewSettings settings = controls_->settings();
  if (!isClassSpecific(settings.method)) settings.method = AttentionMethod::Gae;
  settings.targetClass = index;
  controls_->setSettings(settings);
}

void MainWindow::showError(const QString& message) {
  lastError_ = message;
  statusBar()->showMessage(message, 15000);
  if (!interactive_) {
    std::fprintf(stderr, "vitlens: %s\n", displayText(message.toStdString()).c_str());
    return;
  }
  if (!errorBox_) {
    errorBox_ = new QMessageBox(QMessageBox::Warning, tr("vitlens"), QString(), QMessageBox::Ok, this);
    errorBox_->setWindowModality(Qt::WindowModal);
    errorBox_->setTextFormat(Qt::PlainText);  // messages quote paths and names from files
  }
  errorBox_->setText(message);
  errorBox_->open();  // not exec(): the window keeps running while the message shows
}

void MainWindow::updateTitle() {
  const AnalysisResult* shown = session_->result();
  setWindowTitle(shown ? QStringLiteral("%1 — vitlens").arg(shown->imageName) : QStringLiteral("vitlens"));
}

void MainWindow::updateActions() {
  ActionState state;
  state.mapShown = session_->result() && mapShown_ && !currentMap_.empty();
  state.hasModel = session_->model() != nullptr;
  state.hasFolder = filmstrip_->count() > 0;
  state.hasAblations = !change_.ablatedHeads.empty();
  state.hasDropped = !change_.droppedPatches.empty();
  state.live = live_ != nullptr && live_->running();
  state.hasImage =
      session_->result() != nullptr && session_->model() != nullptr && session_->model()->meta.config.hasHead();
  actions_->update(state);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  live_->stop();
  if (presentation_) setPresentationMode(false);  // the saved layout is the everyday one, not the projector's
  saveSettings();
  event->accept();
}

}  // namespace vitlens::ui
