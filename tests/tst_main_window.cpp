// The vitlens window driven as a user would, on the offscreen platform: open images, switch what is shown, click
// patches and tiles, survive bad files, export.
#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <opencv2/core.hpp>

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "ui/attention_controls.h"
#include "ui/attention_distance_chart.h"
#include "ui/faithfulness_panel.h"
#include "ui/filmstrip.h"
#include "ui/heads_grid.h"
#include "ui/image_view.h"
#include "ui/lens_strip.h"
#include "ui/main_window.h"
#include "ui/prediction_panel.h"

#include <QtTest>

#include "gui_test_support.h"

using vitlens::ui::MainWindow;
using vitlens::ui::ViewSettings;

namespace {

// The window hands out pointers (null before a model or image is there); these fail the test instead.
const vitlens::ui::ModelInfo& modelOf(const MainWindow& window) {
  const vitlens::ui::ModelInfo* model = window.model();
  if (model == nullptr) throw std::runtime_error("no model loaded");
  return *model;
}

const vitlens::ui::AnalysisResult& resultOf(const MainWindow& window) {
  const vitlens::ui::AnalysisResult* result = window.result();
  if (result == nullptr) throw std::runtime_error("no image analysed");
  return *result;
}

}  // namespace

class TestMainWindow : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void init();
  void cleanup();
  void loadingAnImageGivesPredictions();
  void changingLayerOrHeadChangesTheOverlay_data();
  void changingLayerOrHeadChangesTheOverlay();
  void clickingAPatchSetsTheQuery();
  void hoverDescribesThePatch();
  void badImageKeepsThePreviousState_data();
  void badImageKeepsThePreviousState();
  void badModelKeepsThePreviousModel();
  void headsGridHasATilePerHeadAndClickSelects();
  void headTilesKeepTheirOpacity();
  void drawingChangesRunNoTensorWork();
  void actionsFollowTheState();
  void distanceChartHasADotPerHead();
  void exportsWriteFilesAndNeverOverwrite();
  void exportsRefuseSpecialFiles();
  void folderWithAFifoDoesNotHang();
  void folderFilmstripSteps();
  void settingsPersist();
  void dropOpensImagesAndModels();
  void samplesMenuAndPaste();
  void zoomShortcuts();
  void imageOpenedDuringAModelSwitchIsShown();
  void badStartupModelFallsBackAndShowsTheImage();
  void failedModelKeepsPathAndDevice();
  void queryFollowsTheModelsGrid();
  void largePhotoIsDrawnFromAScreenSizeCopy();
  void clickingAClassExplainsIt();
  void classFieldPicksTheClass();
  void faithfulnessPanelShowsCurvesAndTable();
  void ctrlClickingAHeadAblatesIt();

 private:
  // A window with the test model and chelsea.jpg analysed.
  std::unique_ptr<MainWindow> openWindow();

  QTemporaryDir dir_;
  QString modelPath_;
  std::unique_ptr<MainWindow> window_;
};

void TestMainWindow::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);  // settings go to a test location, not the user's
  QCoreApplication::setOrganizationName(QStringLiteral("vitlens-tests"));
  QCoreApplication::setApplicationName(QStringLiteral("tst_main_window"));
  QSettings().clear();
  QVERIFY(dir_.isValid());
  modelPath_ = testModelPath(dir_);
}

std::unique_ptr<MainWindow> TestMainWindow::openWindow() {
  auto window = std::make_unique<MainWindow>(modelPath_, vitlens::DeviceChoice::Cpu, /*interactive=*/false);
  window->resize(1280, 800);
  window->show();
  window->openImage(samplePath("chelsea.jpg"));
  window->waitForIdle();
  return window;
}

void TestMainWindow::init() { window_ = openWindow(); }
void TestMainWindow::cleanup() { window_.reset(); }

void TestMainWindow::loadingAnImageGivesPredictions() {
  QVERIFY2(window_->lastError().isEmpty(), qPrintable(window_->lastError()));
  QVERIFY(window_->hasModel());
  QCOMPARE(window_->imageName(), QStringLiteral("chelsea.jpg"));
  const auto& predictions = window_->predictionPanel()->predictions();
  QCOMPARE(predictions.size(), 5);
  double sum = 0.0;
  for (int i = 0; i < predictions.size(); ++i) {
    QVERIFY(!predictions[i].label.isEmpty());
    if (i > 0) QVERIFY(predictions[i].probability <= predictions[i - 1].probability);
    sum += predictions[i].probability;
  }
  if (vitlens::hasBuiltInModel()) QVERIFY(predictions[0].probability > 0.1);  // ten classes: beats chance
  QVERIFY(sum <= 1.0 + 1e-5);
  // The overlay is drawn at the image's own resolution (chelsea.jpg is 384 x 255).
  QCOMPARE(window_->renderedImage().cols, 384);
  QCOMPARE(window_->renderedImage().rows, 255);
  QCOMPARE(window_->imageView()->image().size(), QSize(384, 255));
  QVERIFY(window_->windowTitle().contains(QStringLiteral("chelsea.jpg")));
}

void TestMainWindow::changingLayerOrHeadChangesTheOverlay_data() {
  QTest::addColumn<QString>("control");
  QTest::addColumn<int>("index");
  QTest::newRow("layer 0") << "layer" << 0;
  QTest::newRow("layer 1") << "layer" << 1;
  QTest::newRow("head 0") << "head" << 3;
  QTest::newRow("max of heads") << "head" << 1;
  QTest::newRow("rollout") << "method" << 1;
  QTest::newRow("colormap gray") << "colormap" << 5;
}

void TestMainWindow::changingLayerOrHeadChangesTheOverlay() {
  QFETCH(QString, control);
  QFETCH(int, index);
  const cv::Mat before = window_->renderedImage().clone();
  const QImage shownBefore = window_->imageView()->image();
  vitlens::ui::AttentionControls* controls = window_->controls();
  if (control == QLatin1String("layer")) controls->layerBox()->setValue(index);
  if (control == QLatin1String("head")) controls->headBox()->setCurrentIndex(index);
  if (control == QLatin1String("method")) controls->methodBox()->setCurrentIndex(index);
  if (control == QLatin1String("colormap")) controls->colormapBox()->setCurrentIndex(index);
  window_->waitForIdle();  // a new map comes from the worker (one round trip, no forward pass)
  const cv::Mat after = window_->renderedImage();
  QCOMPARE(after.size(), before.size());
  QVERIFY2(cv::norm(before, after, cv::NORM_L1) > 1000, "the overlay pixels did not change");
  QVERIFY(window_->imageView()->image() != shownBefore);
}

void TestMainWindow::clickingAPatchSetsTheQuery() {
  vitlens::ui::AttentionControls* controls = window_->controls();
  controls->queryBox()->setCurrentIndex(1);  // Patch (click the image)
  QVERIFY(controls->patchQueryMode());
  const cv::Mat mapBefore = window_->currentMap().clone();
  // Click the centre of patch (row 2, col 5) of the 8 x 8 grid laid over the model's crop.
  const cv::Rect2d crop = resultOf(*window_).analysis.sourceCrop;
  const QPointF imagePoint(crop.x + (5 + 0.5) * crop.width / 8, crop.y + (2 + 0.5) * crop.height / 8);
  const QPoint widgetPoint = window_->imageView()->imageToWidget(imagePoint).toPoint();
  QTest::mouseClick(window_->imageView(), Qt::LeftButton, Qt::NoModifier, widgetPoint);
  QCOMPARE(controls->settings().queryPatch, 2 * 8 + 5);
  window_->waitForIdle();  // the new query's map comes from the worker
  QVERIFY(cv::norm(mapBefore, window_->currentMap(), cv::NORM_INF) > 1e-4);
  // A drag pans instead of picking.
  QTest::mousePress(window_->imageView(), Qt::LeftButton, Qt::NoModifier, widgetPoint);
  QTest::mouseMove(window_->imageView(), widgetPoint + QPoint(40, 30));
  QTest::mouseRelease(window_->imageView(), Qt::LeftButton, Qt::NoModifier, widgetPoint + QPoint(40, 30));
  QCOMPARE(controls->settings().queryPatch, 2 * 8 + 5);
}

void TestMainWindow::hoverDescribesThePatch() {
  const cv::Rect2d crop = resultOf(*window_).analysis.sourceCrop;
  const QPointF imagePoint(crop.x + 0.5 * crop.width / 8, crop.y + 0.5 * crop.height / 8);
  QTest::mouseMove(window_->imageView(), window_->imageView()->imageToWidget(imagePoint).toPoint());
  QVERIFY2(window_->hoverText().startsWith(QStringLiteral("patch 0 (row 0, col 0) · token 1 · attention ")),
           qPrintable(window_->hoverText()));
}

void TestMainWindow::badImageKeepsThePreviousState_data() {
  QTest::addColumn<QByteArray>("bytes");  // empty name below means: a missing file
  QTest::addColumn<QString>("name");
  QFile sample(samplePath("coffee.jpg"));
  QVERIFY(sample.open(QIODevice::ReadOnly));
  const QByteArray jpeg = sample.readAll();
  QTest::newRow("truncated jpeg") << jpeg.left(jpeg.size() / 3) << "truncated.jpg";
  QTest::newRow("text file") << QByteArray("this is not an image\n") << "notes.png";
  QTest::newRow("empty file") << QByteArray() << "empty.jpg";
  QTest::newRow("jpeg header then garbage") << (jpeg.left(200) + QByteArray(5000, '\x7f')) << "garbage.jpg";
  QTest::newRow("missing file") << QByteArray() << QString();
}

void TestMainWindow::badImageKeepsThePreviousState() {
  QFETCH(QByteArray, bytes);
  QFETCH(QString, name);
  QString path = dir_.filePath(QStringLiteral("does-not-exist.jpg"));
  if (!name.isEmpty()) {
    path = dir_.filePath(name);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
  }
  const cv::Mat before = window_->renderedImage().clone();
  const auto predictionsBefore = window_->predictionPanel()->predictions();
  window_->openImage(path);
  window_->waitForIdle();
  QVERIFY(!window_->lastError().isEmpty());
  QVERIFY2(window_->lastError().contains(QFileInfo(path).fileName()), qPrintable(window_->lastError()));
  QCOMPARE(window_->imageName(), QStringLiteral("chelsea.jpg"));
  QCOMPARE(cv::norm(before, window_->renderedImage(), cv::NORM_L1), 0.0);
  QCOMPARE(window_->predictionPanel()->predictions().size(), predictionsBefore.size());
  QCOMPARE(window_->predictionPanel()->predictions()[0].label, predictionsBefore[0].label);
  // Still usable: the next good image is analysed.
  window_->openImage(samplePath("coffee.jpg"));
  window_->waitForIdle();
  QCOMPARE(window_->imageName(), QStringLiteral("coffee.jpg"));
}

void TestMainWindow::badModelKeepsThePreviousModel() {
  const QString sourceBefore = modelOf(*window_).source;
  const QString garbage = dir_.filePath(QStringLiteral("garbage.safetensors"));
  QFile file(garbage);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(QByteArray("\x10\x00\x00\x00\x00\x00\x00\x00{\"a\":", 13));
  file.close();
  window_->openModel(garbage);
  window_->waitForIdle();
  QVERIFY2(window_->lastError().contains(QStringLiteral("garbage.safetensors")), qPrintable(window_->lastError()));
  QCOMPARE(modelOf(*window_).source, sourceBefore);
  QCOMPARE(window_->imageName(), QStringLiteral("chelsea.jpg"));
  window_->openModel(dir_.filePath(QStringLiteral("missing.safetensors")));
  window_->waitForIdle();
  QCOMPARE(modelOf(*window_).source, sourceBefore);
}

void TestMainWindow::headsGridHasATilePerHeadAndClickSelects() {
  vitlens::ui::HeadsGrid* grid = window_->headsGrid();
  const auto& config = modelOf(*window_).meta.config;
  QCOMPARE(grid->layers(), static_cast<int>(config.depth));
  QCOMPARE(grid->heads(), static_cast<int>(config.numHeads));
  QCOMPARE(grid->tileCount(), static_cast<int>(config.depth * config.numHeads));
  QTest::mouseClick(grid, Qt::LeftButton, Qt::NoModifier, grid->tileCenter(1, 2));
  const ViewSettings settings = window_->controls()->settings();
  QCOMPARE(settings.layer, 1);
  QCOMPARE(settings.heads.reduce, vitlens::HeadReduce::Single);
  QCOMPARE(settings.heads.head, 2);
  QCOMPARE(window_->controls()->layerBox()->value(), 1);
  QCOMPARE(window_->controls()->headBox()->currentText(), QStringLiteral("head 2"));
}

void TestMainWindow::headTilesKeepTheirOpacity() {
  // The tiles are drawn at one opacity (60 %): moving the opacity slider changes the large view only, and the
  // tiles never show a stale opacity. A colour change redraws them.
  const QImage before = window_->headsGrid()->renderImage();
  const QImage viewBefore = window_->imageView()->grab().toImage();
  ViewSettings settings = window_->controls()->settings();
  settings.opacity = settings.opacity > 0.5 ? 0.1 : 0.9;
  window_->controls()->setSettings(settings);
  QCOMPARE(window_->headsGrid()->renderImage(), before);
  QVERIFY(window_->imageView()->grab().toImage() != viewBefore);
  const vitlens::Colormap original = settings.colormap;
  settings.colormap = original == vitlens::Colormap::Gray ? vitlens::Colormap::Jet : vitlens::Colormap::Gray;
  window_->controls()->setSettings(settings);
  QVERIFY(window_->headsGrid()->renderImage() != before);
  // Back to the first colours, the opacity still changed: the very same tiles (they used to take the new opacity).
  settings.colormap = original;
  window_->controls()->setSettings(settings);
  QCOMPARE(window_->headsGrid()->renderImage(), before);
}

void TestMainWindow::drawingChangesRunNoTensorWork() {
  // The worker counts the map jobs the window queues (its only tensor work): colours, opacity, the mass outline,
  // the grid and the heat-map switch make none; layer, head, method, query and discard make one each.
  window_->waitForIdle();
  vitlens::ui::AttentionControls* controls = window_->controls();
  const quint64 before = window_->mapJobs();
  controls->colormapBox()->setCurrentIndex(3);
  controls->opacitySlider()->setValue(25);
  controls->massSlider()->setValue(40);
  controls->gridBox()->setChecked(true);
  controls->overlayBox()->setChecked(false);
  controls->overlayBox()->setChecked(true);
  QCOMPARE(window_->mapJobs(), before);
  controls->layerBox()->setValue(0);
  QCOMPARE(window_->mapJobs(), before + 1);
  controls->headBox()->setCurrentIndex(4);
  QCOMPARE(window_->mapJobs(), before + 2);
  window_->waitForIdle();
  QVERIFY(!window_->currentMap().empty());
}

void TestMainWindow::actionsFollowTheState() {
  // Nothing to save before an image has its map, no stepping without a folder: those actions are disabled, not
  // run to say so.
  vitlens::ui::MainWindow fresh(testModelPath(dir_), vitlens::DeviceChoice::Cpu, /*interactive=*/false);
  fresh.waitForIdle();
  const auto action = [&fresh](const char* name) { return fresh.findChild<QAction*>(QLatin1String(name)); };
  for (const char* name : {"saveOverlayAction", "saveHeadsAction", "saveMapAction", "copyViewAction", "nextImageAction",
                           "previousImageAction"}) {
    QVERIFY2(action(name) != nullptr && !action(name)->isEnabled(), name);
  }
  QVERIFY(action("saveAnatomyAction")->isEnabled());  // the model is loaded
  fresh.openImage(samplePath("chelsea.jpg"));
  fresh.waitForIdle();
  for (const char* name : {"saveOverlayAction", "saveHeadsAction", "saveMapAction", "copyViewAction"}) {
    QVERIFY2(action(name)->isEnabled(), name);
  }
  QVERIFY(!action("nextImageAction")->isEnabled());
  fresh.openFolder(QStringLiteral(VITLENS_SAMPLES_DIR));
  fresh.waitForIdle();
  QVERIFY(action("nextImageAction")->isEnabled() && action("previousImageAction")->isEnabled());
}

void TestMainWindow::distanceChartHasADotPerHead() {
  const auto& config = modelOf(*window_).meta.config;
  QCOMPARE(window_->distanceChart()->pointCount(), static_cast<int>(config.depth * config.numHeads));
}

void TestMainWindow::exportsWriteFilesAndNeverOverwrite() {
  const QString png = dir_.filePath(QStringLiteral("overlay.png"));
  QFile::remove(png);
  QCOMPARE(window_->exportOverlay(png), QString());
  QImage saved(png);
  QCOMPARE(saved.size(), QSize(384, 255));  // the image's own resolution, not the widget's
  const QByteArray first = [&] {
    QFile f(png);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
  }();
  window_->controls()->layerBox()->setValue(0);
  QVERIFY(window_->exportOverlay(png).contains(QStringLiteral("already exists")));
  QFile again(png);
  QVERIFY(again.open(QIODevice::ReadOnly));
  QCOMPARE(again.readAll(), first);
  QCOMPARE(window_->exportOverlay(png, /*overwrite=*/true), QString());

  const QString npy = dir_.filePath(QStringLiteral("map.npy"));
  QFile::remove(npy);
  QCOMPARE(window_->exportMapNpy(npy), QString());
  QFile npyFile(npy);
  QVERIFY(npyFile.open(QIODevice::ReadOnly));
  const QByteArray npyBytes = npyFile.readAll();
  QVERIFY(npyBytes.startsWith("\x93NUMPY"));
  QVERIFY(npyBytes.contains("'shape': (8, 8)"));
  // The header is padded to 64 bytes; then the 8 x 8 map's floats, exactly the map the window shows.
  QCOMPARE(npyBytes.size() % 64, 0);
  const cv::Mat& map = window_->currentMap();
  QCOMPARE(npyBytes.right(64 * 4), QByteArray(reinterpret_cast<const char*>(map.ptr<float>()), 64 * 4));

  const QString heads = dir_.filePath(QStringLiteral("heads.png"));
  QFile::remove(heads);
  QCOMPARE(window_->exportHeadsGrid(heads), QString());
  QVERIFY(QImage(heads).width() >= 4 * 96);
  const QString anatomy = dir_.filePath(QStringLiteral("anatomy.png"));
  QFile::remove(anatomy);
  QCOMPARE(window_->exportAnatomy(anatomy), QString());
  QVERIFY(!QImage(anatomy).isNull());
}

void TestMainWindow::exportsRefuseSpecialFiles() {
  // Even when the user agreed to replace: a FIFO, a symbolic link or a device is never renamed over.
  const QString fifo = dir_.filePath(QStringLiteral("export.fifo"));
  QFile::remove(fifo);
  QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
  const QString error = window_->exportOverlay(fifo, /*overwrite=*/true);
  QVERIFY2(error.contains(QStringLiteral("FIFO")), qPrintable(error));
  QVERIFY(QFileInfo(fifo).exists() && !QFileInfo(fifo).isFile());
  const QString link = dir_.filePath(QStringLiteral("export-link.png"));
  QFile::remove(link);
  QVERIFY(QFile::link(QStringLiteral("/dev/null"), link));
  const QString linkError = window_->exportMapNpy(link, /*overwrite=*/true);
  QVERIFY2(linkError.contains(QStringLiteral("symbolic link")), qPrintable(linkError));
  QVERIFY(QFileInfo(link).isSymLink());
  QVERIFY2(window_->exportHeadsGrid(QStringLiteral("/dev/full"), true).contains(QStringLiteral("character device")),
           "/dev/full accepted");
  // A write that fails part-way (the disk filling; here a file-size limit) says why, not "Unknown error".
  ::signal(SIGXFSZ, SIG_IGN);
  struct rlimit saved {};
  QCOMPARE(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  struct rlimit small = saved;
  small.rlim_cur = 100;
  QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
  const QString fullError = window_->exportOverlay(dir_.filePath(QStringLiteral("full.png")), true);
  QCOMPARE(::setrlimit(RLIMIT_FSIZE, &saved), 0);
  QVERIFY2(fullError.contains(QStringLiteral("File too large")), qPrintable(fullError));
  QVERIFY(!QFileInfo::exists(dir_.filePath(QStringLiteral("full.png"))));
}

void TestMainWindow::folderWithAFifoDoesNotHang() {
  QTemporaryDir folder;
  QVERIFY(QFile::copy(samplePath("chelsea.jpg"), folder.filePath(QStringLiteral("a.jpg"))));
  QCOMPARE(::mkfifo(folder.filePath(QStringLiteral("b.png")).toLocal8Bit().constData(), 0600), 0);
  window_->openFolder(folder.path());
  window_->waitForIdle();
  QTest::qWait(300);  // thumbnails load on a timer: none may block on the FIFO
  window_->filmstrip()->step(1);
  window_->waitForIdle();
  QCOMPARE(window_->imageName(), QStringLiteral("a.jpg"));
}

void TestMainWindow::folderFilmstripSteps() {
  QTemporaryDir folder;
  for (const char* name : {"astronaut.jpg", "chelsea.jpg", "coffee.jpg"}) {
    QVERIFY(QFile::copy(samplePath(name), folder.filePath(QLatin1String(name))));
  }
  QFile notes(folder.filePath(QStringLiteral("notes.txt")));
  QVERIFY(notes.open(QIODevice::WriteOnly));
  notes.close();
  QCOMPARE(window_->openFolder(folder.path()), 3);
  window_->waitForIdle();
  QCOMPARE(window_->imageName(), QStringLiteral("astronaut.jpg"));
  QVERIFY(window_->filmstrip()->step(1));
  window_->waitForIdle();
  QCOMPARE(window_->imageName(), QStringLiteral("chelsea.jpg"));
  QVERIFY(window_->filmstrip()->step(1));
  QVERIFY(!window_->filmstrip()->step(1));  // the end
  window_->waitForIdle();
  QCOMPARE(window_->imageName(), QStringLiteral("coffee.jpg"));
  QCOMPARE(window_->recentFiles().first(), folder.filePath(QStringLiteral("coffee.jpg")));
}

void TestMainWindow::settingsPersist() {
  window_->controls()->colormapBox()->setCurrentText(QStringLiteral("turbo"));
  window_->controls()->opacitySlider()->setValue(35);
  window_->close();  // saves
  window_.reset();
  window_ = openWindow();
  QCOMPARE(window_->controls()->settings().colormap, vitlens::Colormap::Turbo);
  QCOMPARE(window_->controls()->opacitySlider()->value(), 35);
  QCOMPARE(window_->recentFiles().first(), samplePath("chelsea.jpg"));
}

void TestMainWindow::dropOpensImagesAndModels() {
  auto drop = [this](const QString& path) {
    QVERIFY(dropUrl(window_.get(), path));
    window_->waitForIdle();
  };
  drop(samplePath("rocket.jpg"));
  QCOMPARE(window_->imageName(), QStringLiteral("rocket.jpg"));
  // A dropped model file replaces the model and the shown image is analysed again with it.
  vitlens::ModelMeta meta;
  meta.config = vitlens::VitConfig::preset("cifar-seed");
  meta.config.depth = 2;
  meta.name = "dropped";
  const QString model = dir_.filePath(QStringLiteral("dropped.safetensors"));
  vitlens::writeUntrainedModel(model.toStdString(), meta, 5, "float32");
  drop(model);
  QVERIFY2(window_->lastError().isEmpty(), qPrintable(window_->lastError()));
  QCOMPARE(modelOf(*window_).source, model);
  QCOMPARE(window_->headsGrid()->layers(), 2);
  QCOMPARE(window_->controls()->layerBox()->maximum(), 1);
  QCOMPARE(window_->imageName(), QStringLiteral("rocket.jpg"));
}

void TestMainWindow::samplesMenuAndPaste() {
  QMenu* menu = nullptr;
  for (QMenu* candidate : window_->findChildren<QMenu*>()) {
    if (candidate->title() == QStringLiteral("&Samples")) menu = candidate;
  }
  QVERIFY(menu != nullptr);
  QStringList samples;
  QAction* coffee = nullptr;
  for (QAction* action : menu->actions()) {
    samples.append(action->text());
    if (action->text() == QStringLiteral("coffee")) coffee = action;
  }
  QCOMPARE(samples.size(), 5);
  QVERIFY(coffee != nullptr);
  coffee->trigger();
  window_->waitForIdle();
  QCOMPARE(window_->imageName(), QStringLiteral("coffee.jpg"));

  QImage pasted(120, 80, QImage::Format_RGB32);
  pasted.fill(QColor(30, 140, 60));
  QApplication::clipboard()->setImage(pasted);
  if (QApplication::clipboard()->image().isNull()) QSKIP("this platform has no clipboard");
  QTest::keyClick(window_.get(), Qt::Key_V, Qt::ControlModifier);
  window_->waitForIdle();
  QCOMPARE(window_->imageName(), QStringLiteral("pasted image"));
  QCOMPARE(window_->renderedImage().cols, 120);
}

void TestMainWindow::zoomShortcuts() {
  vitlens::ui::ImageView* view = window_->imageView();
  QVERIFY(view->fitting());
  QTest::keyClick(window_.get(), Qt::Key_1, Qt::ControlModifier);
  QCOMPARE(view->zoom(), 1.0);
  QVERIFY(!view->fitting());
  QTest::keyClick(window_.get(), Qt::Key_Plus, Qt::ControlModifier);
  QCOMPARE(view->zoom(), 1.25);
  QTest::keyClick(window_.get(), Qt::Key_0, Qt::ControlModifier);
  QVERIFY(view->fitting());
  // Zoomed in past the widget's size, the image point under the cursor stays put when the wheel zooms.
  view->setZoom(view->zoom() * 4.0, QPointF(view->width() / 2.0, view->height() / 2.0));
  const QPointF anchor(view->width() / 2.0 + 30, view->height() / 2.0 - 20);
  const QPointF before = view->widgetToImage(anchor);
  view->setZoom(view->zoom() * 2.0, anchor);
  const QPointF after = view->widgetToImage(anchor);
  QVERIFY(std::abs(before.x() - after.x()) < 0.5 && std::abs(before.y() - after.y()) < 0.5);
}

namespace {

QString writeModel(const QTemporaryDir& dir, const char* name, int image, bool classToken) {
  vitlens::ModelMeta meta;
  meta.config = vitlens::VitConfig::preset("cifar-seed");
  meta.config.imageHeight = meta.config.imageWidth = image;
  meta.config.depth = 2;
  meta.config.classToken = classToken;
  meta.config.pooling = classToken ? vitlens::Pooling::Token : vitlens::Pooling::Avg;
  meta.name = name;
  const QString path = dir.filePath(QLatin1String(name) + QStringLiteral(".safetensors"));
  vitlens::writeUntrainedModel(path.toStdString(), meta, 1, "float32");
  return path;
}

}  // namespace

void TestMainWindow::imageOpenedDuringAModelSwitchIsShown() {
  const QString other = writeModel(dir_, "switch", 32, true);
  window_->openModel(other);
  window_->openImage(samplePath("rocket.jpg"));  // queued behind the model load
  window_->waitForIdle();
  QCOMPARE(modelOf(*window_).source, other);
  QCOMPARE(window_->imageName(), QStringLiteral("rocket.jpg"));
  QCOMPARE(resultOf(*window_).path, samplePath("rocket.jpg"));
  // A plain switch re-analyses the shown image with the new model and keeps its file.
  window_->openModel(modelPath_);
  window_->waitForIdle();
  QCOMPARE(window_->imageName(), QStringLiteral("rocket.jpg"));
  QCOMPARE(resultOf(*window_).path, samplePath("rocket.jpg"));
  QCOMPARE(window_->headsGrid()->layers(), static_cast<int>(modelOf(*window_).meta.config.depth));
}

void TestMainWindow::badStartupModelFallsBackAndShowsTheImage() {
  if (!vitlens::hasBuiltInModel()) QSKIP("this build has no built-in model to fall back to");
  const QString garbage = dir_.filePath(QStringLiteral("startup-garbage.safetensors"));
  QFile file(garbage);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write("not a model");
  file.close();
  MainWindow window(garbage, vitlens::DeviceChoice::Cpu, /*interactive=*/true);
  window.show();
  window.openImage(samplePath("chelsea.jpg"));
  window.waitForIdle();
  QVERIFY(window.lastError().contains(QStringLiteral("startup-garbage.safetensors")));
  QVERIFY(window.hasModel());
  QCOMPARE(window.imageName(), QStringLiteral("chelsea.jpg"));
}

void TestMainWindow::failedModelKeepsPathAndDevice() {
  const QString other = writeModel(dir_, "kept", 32, true);
  window_->openModel(other);
  window_->waitForIdle();
  window_->openModel(dir_.filePath(QStringLiteral("nope.safetensors")));
  window_->waitForIdle();
  QCOMPARE(modelOf(*window_).source, other);
  // A device change reloads the model in use, not the file that failed.
  window_->setDevice(vitlens::DeviceChoice::Cpu);
  window_->waitForIdle();
  QCOMPARE(modelOf(*window_).source, other);
  window_->setDevice(vitlens::DeviceChoice::Cuda);  // absent here, or a real GPU
  window_->waitForIdle();
  QCOMPARE(modelOf(*window_).source, other);
}

void TestMainWindow::queryFollowsTheModelsGrid() {
  window_->controls()->queryBox()->setCurrentIndex(1);
  window_->controls()->setQueryPatch(63);  // the last patch of the 8 x 8 grid
  QCOMPARE(window_->controls()->settings().queryPatch, 63);
  window_->openModel(writeModel(dir_, "small-grid", 16, true));  // 4 x 4 patches
  window_->waitForIdle();
  QCOMPARE(window_->controls()->settings().queryPatch, 15);
  QCOMPARE(window_->currentMap().rows, 4);
  window_->controls()->queryBox()->setCurrentIndex(0);  // class token
  QCOMPARE(window_->controls()->settings().queryPatch, -1);
  window_->openModel(writeModel(dir_, "no-class-token", 32, false));
  window_->waitForIdle();
  QVERIFY(window_->controls()->settings().queryPatch >= 0);  // nothing but patches to ask from
  QVERIFY(window_->lastError().isEmpty() || !window_->lastError().contains(QStringLiteral("render")));
  QCOMPARE(window_->currentMap().rows, 8);
}

void TestMainWindow::largePhotoIsDrawnFromAScreenSizeCopy() {
  // 6000 x 4000 (24 megapixels): every settings change would redraw all of it on this thread; the view draws a
  // copy of at most kMaxViewPixels and stands it for the whole, exports keep the full resolution.
  cv::Mat photo(4000, 6000, CV_8UC3, cv::Scalar(90, 140, 200));  // even, so view and export compare pixel by pixel
  window_->openImageData(photo, QStringLiteral("large photo"));
  window_->waitForIdle();
  QVERIFY2(window_->lastError().isEmpty(), qPrintable(window_->lastError()));
  const QImage& shown = window_->imageView()->image();
  QVERIFY(static_cast<qint64>(shown.width()) * shown.height() <= vitlens::ui::kMaxViewPixels);
  QVERIFY(shown.width() >= 2400);  // near a large screen's size, not a thumbnail
  QCOMPARE(shown.width() * 4000 / 6000, shown.height());
  QCOMPARE(window_->imageView()->imageSize(), QSize(6000, 4000));
  QCOMPARE(window_->renderedImage().cols, 6000);
  QCOMPARE(window_->renderedImage().rows, 4000);
  // Coordinates stay in the photo's pixels: a click on the centre of patch (row 6, col 1) picks it.
  vitlens::ui::AttentionControls* controls = window_->controls();
  controls->queryBox()->setCurrentIndex(1);
  const cv::Rect2d crop = resultOf(*window_).analysis.sourceCrop;
  QVERIFY(crop.width > 3000);
  const QPointF imagePoint(crop.x + 1.5 * crop.width / 8, crop.y + 6.5 * crop.height / 8);
  QTest::mouseClick(window_->imageView(), Qt::LeftButton, Qt::NoModifier,
                    window_->imageView()->imageToWidget(imagePoint).toPoint());
  QCOMPARE(controls->settings().queryPatch, 6 * 8 + 1);
  // The view's heat map matches the full-resolution export at the same place.
  window_->waitForIdle();
  const double sx = static_cast<double>(shown.width()) / 6000;
  const QPoint inView(static_cast<int>(imagePoint.x() * sx), static_cast<int>(imagePoint.y() * sx));
  const QColor viewColour = window_->imageView()->image().pixelColor(inView);
  const cv::Vec3b full =
      window_->renderedImage().at<cv::Vec3b>(static_cast<int>(imagePoint.y()), static_cast<int>(imagePoint.x()));
  for (int channel = 0; channel < 3; ++channel) {
    const int view = channel == 0 ? viewColour.red() : channel == 1 ? viewColour.green() : viewColour.blue();
    QVERIFY2(std::abs(view - full[channel]) <= 6,
             qPrintable(QStringLiteral("channel %1: view %2, export %3").arg(channel).arg(view).arg(full[channel])));
  }
}

void TestMainWindow::clickingAClassExplainsIt() {
  vitlens::ui::PredictionPanel* panel = window_->predictionPanel();
  const cv::Mat attentionMap = window_->currentMap().clone();
  const quint64 jobs = window_->mapJobs();
  const auto& predictions = panel->predictions();
  QVERIFY(predictions.size() >= 2);
  const int second = predictions[1].index;
  QTest::mouseClick(panel, Qt::LeftButton, Qt::NoModifier, panel->rowRect(1).center());
  QCOMPARE(window_->controls()->settings().method, vitlens::MapMethod::Gae);
  QCOMPARE(window_->controls()->settings().targetClass, second);
  window_->waitForIdle();  // the explanation runs on the worker
  QCOMPARE(window_->mapJobs(), jobs + 1);
  QVERIFY2(window_->lastError().isEmpty(), qPrintable(window_->lastError()));
  QCOMPARE(panel->selectedClass(), second);
  const QString caption = window_->imageView()->legend().caption;
  QVERIFY2(caption.contains(QStringLiteral("GAE")) && caption.contains(predictions[1].label), qPrintable(caption));
  const cv::Mat secondMap = window_->currentMap().clone();
  QVERIFY(cv::norm(secondMap, attentionMap, cv::NORM_INF) > 1e-6);
  // Another class, another map; the colour bar says the map's range.
  QTest::mouseClick(panel, Qt::LeftButton, Qt::NoModifier, panel->rowRect(0).center());
  window_->waitForIdle();
  QCOMPARE(panel->selectedClass(), predictions[0].index);
  QVERIFY(cv::norm(window_->currentMap(), secondMap, cv::NORM_INF) > 1e-6);
  double low = 0.0, high = 0.0;
  cv::minMaxLoc(window_->currentMap(), &low, &high);
  QCOMPARE(window_->imageView()->legend().maximum, high);
  QVERIFY(!window_->imageView()->legend().ramp.isNull());
  // Back to plain attention: the frame goes, layer and head controls come back.
  window_->controls()->methodBox()->setCurrentIndex(0);
  window_->waitForIdle();
  QCOMPARE(panel->selectedClass(), -1);
  QVERIFY(window_->controls()->layerBox()->isEnabled());
  QVERIFY(!window_->controls()->classField()->isEnabled());
}

void TestMainWindow::classFieldPicksTheClass() {
  vitlens::ui::AttentionControls* controls = window_->controls();
  controls->methodBox()->setCurrentIndex(static_cast<int>(vitlens::MapMethod::Occlusion));
  QVERIFY(controls->classField()->isEnabled());
  const QString label = QString::fromStdString(window_->model()->meta.label(4));
  controls->classField()->setText(label.toUpper());  // names match ignoring case
  Q_EMIT controls->classField()->editingFinished();
  QCOMPARE(controls->settings().targetClass, 4);
  window_->waitForIdle();
  QVERIFY(window_->imageView()->legend().caption.contains(label));
  controls->classField()->setText(QStringLiteral("no such class"));
  Q_EMIT controls->classField()->editingFinished();
  QCOMPARE(controls->settings().targetClass, 4);  // an unknown name keeps the class
  controls->classField()->clear();
  Q_EMIT controls->classField()->editingFinished();
  QCOMPARE(controls->settings().targetClass, -1);  // empty: the top class
}

void TestMainWindow::faithfulnessPanelShowsCurvesAndTable() {
  vitlens::ui::FaithfulnessPanel* panel = window_->faithfulnessPanel();
  QCOMPARE(panel->seriesCount(), 0);
  QVERIFY(window_->raiseDock(QStringLiteral("faithfulness")));
  QTest::mouseClick(panel->measureButton(), Qt::LeftButton);
  window_->waitForIdle();  // on the worker
  QVERIFY2(window_->lastError().isEmpty(), qPrintable(window_->lastError()));
  QCOMPARE(panel->seriesCount(), 4);  // the method's positive and negative curves, the random baseline's
  QTest::mouseClick(panel->compareButton(), Qt::LeftButton);
  window_->waitForIdle();
  QTableWidget* table = panel->table();
  QCOMPARE(table->rowCount(), 7);
  QStringList methods;
  for (int row = 0; row < table->rowCount(); ++row) {
    methods << table->item(row, 0)->text();
    for (int column = 1; column < 5; ++column) {
      const double value = table->item(row, column)->data(Qt::DisplayRole).toDouble();
      QVERIFY(value >= 0.0 && value <= 90.0);
    }
    if (row > 0) {  // sorted by the positive area, best first
      QVERIFY(table->item(row, 1)->data(Qt::DisplayRole).toDouble() >=
              table->item(row - 1, 1)->data(Qt::DisplayRole).toDouble());
    }
  }
  methods.sort();
  QCOMPARE(methods, (QStringList{"attn-grad", "gae", "grad-rollout", "occlusion", "random", "raw", "rollout"}));
  // Another image: the numbers were this one's.
  window_->openImage(samplePath("coffee.jpg"));
  window_->waitForIdle();
  QCOMPARE(panel->seriesCount(), 0);
  QCOMPARE(table->rowCount(), 0);
}

void TestMainWindow::ctrlClickingAHeadAblatesIt() {
  vitlens::ui::HeadsGrid* grid = window_->headsGrid();
  vitlens::ui::PredictionPanel* panel = window_->predictionPanel();
  // The lens strip has one entry per layer from the start.
  const vitlens::ui::ModelInfo* info = window_->model();
  QVERIFY(info != nullptr);
  const vitlens::VitConfig config = info->meta.config;
  QCOMPARE(window_->lensStrip()->layerCount(), static_cast<int>(config.depth));
  QVERIFY(panel->changed().empty());
  QAction* reset = window_->findChild<QAction*>(QStringLiteral("resetAblationsAction"));
  QVERIFY(reset != nullptr && !reset->isEnabled());
  const auto settingsBefore = window_->controls()->settings();
  QTest::mouseClick(grid, Qt::LeftButton, Qt::ControlModifier, grid->tileCenter(0, 1));
  QTest::mouseClick(grid, Qt::LeftButton, Qt::ControlModifier, grid->tileCenter(1, 0));
  window_->waitForIdle();
  QVERIFY2(window_->lastError().isEmpty(), qPrintable(window_->lastError()));
  QCOMPARE(window_->interventions().ablatedHeads, (std::vector<std::pair<int, int>>{{0, 1}, {1, 0}}));
  QVERIFY(window_->controls()->settings() == settingsBefore);  // Ctrl+click does not select the tile
  const std::vector<float> changed = panel->changed();
  QCOMPARE(static_cast<int64_t>(changed.size()), config.numClasses);
  double largest = 0.0;
  for (const auto& p : panel->predictions()) largest = std::max(largest, std::abs(changed[p.index] - p.probability));
  QVERIFY2(largest > 1e-4, "switching two heads off changed nothing");
  QVERIFY(reset->isEnabled());
  // Ctrl+click again switches the head back on; Switch All Heads On clears the rest.
  QTest::mouseClick(grid, Qt::LeftButton, Qt::ControlModifier, grid->tileCenter(0, 1));
  window_->waitForIdle();
  QCOMPARE(window_->interventions().ablatedHeads, (std::vector<std::pair<int, int>>{{1, 0}}));
  reset->trigger();
  window_->waitForIdle();
  QVERIFY(window_->interventions().empty());
  QVERIFY(panel->changed().empty());
  QVERIFY(!reset->isEnabled());
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
