// The guided tour (Help › Tour, the Teach dock): every step reachable with Next and Back, each sets up the views it
// promises and quotes the loaded model's real numbers; the attention step's table is the captured attention; the
// texts come from one data file per language, a teacher's copy first.
#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QtTest>

#include <memory>

#include "engine/engine.h"
#include "gui_test_support.h"
#include "imaging/image_decode.h"
#include "ui/attention_controls.h"
#include "ui/image_view.h"
#include "ui/main_window.h"
#include "ui/tour_highlight.h"
#include "ui/tour_panel.h"
#include "ui/tour_script.h"

using vitlens::ui::MainWindow;
using vitlens::ui::TourScript;

namespace {

QJsonArray builtInSteps(const QString& language) {
  QFile file(QStringLiteral(VITLENS_SOURCE_DIR "/resources/tour/tour_%1.json").arg(language));
  if (!file.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("steps")).toArray();
}

bool dockShown(MainWindow& window, const char* name) {
  auto* dock = window.findChild<QDockWidget*>(QLatin1String(name));
  return dock != nullptr && dock->isVisible() && !dock->visibleRegion().isEmpty();
}

}  // namespace

class TestTour : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void init();
  void cleanup();
  void everyStepIsReachableWithNextAndBack();
  void stepsSetUpWhatTheyPromise_data();
  void stepsSetUpWhatTheyPromise();
  void patchStepQuotesTheModelsGrid();
  void attentionTableIsTheCapturedAttention();
  void clickingAPatchAsksFromThere();
  void everyLanguageHasEveryStep_data();
  void everyLanguageHasEveryStep();
  void teachersCopyComesFirst();
  void fillKeepsUnknownNamesVisible();

 private:
  QPoint patchCentre(int patch) const;

  QTemporaryDir dir_;
  QString modelPath_;
  std::unique_ptr<MainWindow> window_;
};

void TestTour::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);
  QCoreApplication::setOrganizationName(QStringLiteral("vitlens-tests"));
  QCoreApplication::setApplicationName(QStringLiteral("tst_tour"));
  QSettings().clear();
  QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
  QVERIFY(dir_.isValid());
  modelPath_ = testModelPath(dir_);
}

void TestTour::init() {
  window_ = std::make_unique<MainWindow>(modelPath_, vitlens::DeviceChoice::Cpu, /*interactive=*/false);
  window_->resize(1280, 800);
  window_->show();
  window_->openImage(samplePath("chelsea.jpg"));
  window_->waitForIdle();
  QVERIFY2(window_->lastError().isEmpty(), qPrintable(window_->lastError()));
}

void TestTour::cleanup() { window_.reset(); }

QPoint TestTour::patchCentre(int patch) const { return ::patchCentre(*window_, patch); }

void TestTour::everyStepIsReachableWithNextAndBack() {
  QAction* tour = window_->findChild<QAction*>(QStringLiteral("tourAction"));
  QVERIFY(tour != nullptr);
  tour->trigger();
  QCOMPARE(window_->tourStep(), 0);
  QCOMPARE(window_->tourStepCount(), TourScript::knownSteps().size());
  QVERIFY(dockShown(*window_, "teach"));
  QStringList seen;
  do {
    window_->waitForIdle();
    QVERIFY2(window_->lastError().isEmpty(), qPrintable(window_->lastError()));
    seen << window_->tourStepId();
    QVERIFY(!window_->tourPanel()->title().isEmpty());
    // Every number arrived: no {placeholder} left in what the learner reads.
    QVERIFY2(!window_->tourPanel()->text().contains(QLatin1Char('{')), qPrintable(window_->tourPanel()->text()));
  } while (window_->tourNext());
  QCOMPARE(seen, TourScript::knownSteps());
  QVERIFY(!window_->tourNext());
  for (int step = window_->tourStepCount() - 2; step >= 0; --step) {
    QVERIFY(window_->tourBack());
    QCOMPARE(window_->tourStep(), step);
  }
  QVERIFY(!window_->tourBack());
  // The keys: Alt+Right and Alt+Left step it too.
  QAction* next = window_->findChild<QAction*>(QStringLiteral("tourNextAction"));
  next->trigger();
  QCOMPARE(window_->tourStep(), 1);
  window_->endTour();
  QCOMPARE(window_->tourStep(), -1);
  QVERIFY(!dockShown(*window_, "teach"));
  QVERIFY(window_->tourHighlight()->frames().isEmpty());
}

void TestTour::stepsSetUpWhatTheyPromise_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<int>("method");  // -1: not checked
  QTest::addColumn<bool>("overlay");
  QTest::addColumn<bool>("patchQuery");
  QTest::addColumn<QString>("dock");  // a dock that must be in view, or empty
  using vitlens::MapMethod;
  QTest::newRow("image: the photo alone") << "image" << -1 << false << false << "";
  QTest::newRow("patches: the grid") << "patches" << -1 << false << false << "";
  QTest::newRow("embedding: anatomy") << "embedding" << int(MapMethod::Raw) << false << true << "anatomy";
  QTest::newRow("positions: anatomy") << "positions" << -1 << false << false << "anatomy";
  QTest::newRow("attention: patch query") << "attention" << int(MapMethod::Raw) << true << true << "";
  QTest::newRow("heads: the grid") << "heads" << int(MapMethod::Raw) << true << false << "heads";
  QTest::newRow("rollout") << "rollout" << int(MapMethod::Rollout) << true << false << "";
  QTest::newRow("answer: predictions") << "answer" << int(MapMethod::Rollout) << true << false << "prediction";
  QTest::newRow("why: GAE") << "why" << int(MapMethod::Gae) << true << false << "heads";
}

void TestTour::stepsSetUpWhatTheyPromise() {
  QFETCH(QString, id);
  QFETCH(int, method);
  QFETCH(bool, overlay);
  QFETCH(bool, patchQuery);
  QFETCH(QString, dock);
  window_->startTour(0, QStringLiteral("en"));
  while (window_->tourStepId() != id) QVERIFY(window_->tourNext());  // as a learner gets there
  window_->waitForIdle();
  QVERIFY2(window_->lastError().isEmpty(), qPrintable(window_->lastError()));
  const vitlens::ui::ViewSettings s = window_->controls()->settings();
  if (method >= 0) QCOMPARE(int(s.method), method);
  QCOMPARE(s.showOverlay, overlay);
  if (id == QLatin1String("patches") || id == QLatin1String("attention")) QVERIFY(s.grid);
  if (id == QLatin1String("image")) QVERIFY(!s.grid);
  if (patchQuery) {
    QVERIFY(window_->controls()->patchQueryMode());
    QCOMPARE(s.heads.reduce, vitlens::HeadReduce::Single);
  }
  if (!dock.isEmpty()) QVERIFY2(dockShown(*window_, qPrintable(dock)), qPrintable(dock));
  // The step outlines what it talks about, inside the window.
  const QList<QRect> frames = window_->tourHighlight()->frames();
  QVERIFY(!frames.isEmpty());
  for (const QRect& frame : frames) QVERIFY(window_->rect().adjusted(-8, -8, 8, 8).contains(frame));
}

void TestTour::patchStepQuotesTheModelsGrid() {
  window_->startTour(TourScript::knownSteps().indexOf(QStringLiteral("patches")), QStringLiteral("en"));
  const vitlens::VitConfig& c = window_->model()->meta.config;
  const QString expected = QStringLiteral("%1 patches of %2×%2×%3 = %4 numbers each (%5 rows × %6 columns)")
                               .arg(c.numPatches())
                               .arg(c.patchSize)
                               .arg(c.channels)
                               .arg(c.patchSize * c.patchSize * c.channels)
                               .arg(c.gridHeight())
                               .arg(c.gridWidth());
  QVERIFY2(window_->tourPanel()->text().contains(expected), qPrintable(window_->tourPanel()->text()));
  QCOMPARE(window_->imageView()->lines().rows, static_cast<int>(c.gridHeight()));  // the grid drawn is that grid
  QVERIFY(window_->imageView()->lines().grid);
}

void TestTour::attentionTableIsTheCapturedAttention() {
  window_->startTour(TourScript::knownSteps().indexOf(QStringLiteral("attention")), QStringLiteral("en"));
  window_->waitForIdle();
  const vitlens::QueryTrace* trace = window_->queryTrace();
  QVERIFY(trace != nullptr);
  const vitlens::ui::ViewSettings s = window_->controls()->settings();
  QCOMPARE(trace->queryPatch, s.queryPatch);
  QCOMPARE(trace->head, s.heads.head);

  // The same image through an engine of the test's own: its captured attention from the same query and head.
  vitlens::Engine engine(modelPath_.toStdString(), vitlens::DeviceChoice::Cpu);
  const cv::Mat rgb = vitlens::decodeImageFile(samplePath("chelsea.jpg").toStdString());
  const auto analysis = engine.analyse(rgb, 5, true);
  const cv::Mat map =
      analysis.attention->map(trace->layer, {vitlens::HeadReduce::Single, trace->head}, trace->queryPatch);
  const std::vector<float> prefix =
      analysis.attention->prefixAttention(trace->layer, {vitlens::HeadReduce::Single, trace->head}, trace->queryPatch);

  QTableWidget* table = window_->tourPanel()->keyTable();
  QCOMPARE(table->rowCount(), 5);
  QVERIFY(table->isVisible());
  double previous = 2.0;
  for (int row = 0; row < table->rowCount(); ++row) {
    const QString key = table->item(row, 0)->text();
    const double weight = table->item(row, 2)->text().toDouble();
    const double score = table->item(row, 1)->text().toDouble();
    QVERIFY(weight <= previous + 1e-12);  // heaviest first
    previous = weight;
    double captured = 0.0;
    if (key.startsWith(QLatin1String("patch "))) {
      const int patch = key.section(QLatin1Char(' '), 1, 1).toInt();
      captured = map.at<float>(patch / map.cols, patch % map.cols);
      QVERIFY(std::abs(score - trace->scores[static_cast<size_t>(trace->prefixTokens + patch)]) < 6e-4);
    } else {
      QVERIFY2(key.startsWith(QLatin1String("class")), qPrintable(key));
      captured = prefix.at(0);
    }
    QVERIFY2(std::abs(weight - captured) < 6e-5,
             qPrintable(QString("%1: %2 vs %3").arg(key).arg(weight).arg(captured)));
  }
  // The weights are the softmax of the scores shown beside them.
  double total = 0.0;
  for (float score : trace->scores) total += std::exp(score - trace->scores[0]);
  QVERIFY(std::abs(1.0 / total - trace->weights[0]) < 1e-5);
}

void TestTour::clickingAPatchAsksFromThere() {
  window_->startTour(TourScript::knownSteps().indexOf(QStringLiteral("attention")), QStringLiteral("en"));
  window_->waitForIdle();
  const vitlens::QueryTrace* first = window_->queryTrace();
  const vitlens::ui::ModelInfo* info = window_->model();
  QVERIFY(first != nullptr && info != nullptr);
  const int before = first->queryPatch;
  const int64_t cols = info->meta.config.gridWidth();
  const int patch = before == 9 ? 10 : 9;
  QTest::mouseClick(window_->imageView(), Qt::LeftButton, Qt::NoModifier, patchCentre(patch));
  window_->waitForIdle();
  const vitlens::QueryTrace* trace = window_->queryTrace();
  QVERIFY(trace != nullptr);
  QCOMPARE(trace->queryPatch, patch);
  QCOMPARE(window_->controls()->settings().queryPatch, patch);
  QVERIFY(window_->tourPanel()->text().contains(QStringLiteral("patch %1").arg(patch)));
  // The embedding step (two back) shows that patch's vector: one number per embedding dimension.
  QVERIFY(window_->tourBack());
  QVERIFY(window_->tourBack());
  window_->waitForIdle();
  QCOMPARE(window_->tourStepId(), QStringLiteral("embedding"));
  QCOMPARE(window_->tourPanel()->embeddingLength(), static_cast<int>(info->meta.config.embedDim));
  QVERIFY(window_->tourPanel()->text().contains(
      QStringLiteral("Patch %1 (row %2, column %3)").arg(patch).arg(patch / cols).arg(patch % cols)));
}

void TestTour::everyLanguageHasEveryStep_data() {
  QTest::addColumn<QString>("language");
  QTest::newRow("English") << "en";
  QTest::newRow("Spanish") << "es";
  QTest::newRow("Chinese") << "zh_CN";
  QTest::newRow("Mexican Spanish falls back to Spanish") << "es_MX";
}

void TestTour::everyLanguageHasEveryStep() {
  QFETCH(QString, language);
  const QString file = language.startsWith(QLatin1String("es")) ? QStringLiteral("es") : language;
  const QJsonArray steps = builtInSteps(file);
  QCOMPARE(steps.size(), TourScript::knownSteps().size());
  window_->startTour(0, language);
  for (int i = 0; i < steps.size(); ++i) {
    window_->waitForIdle();
    QCOMPARE(window_->tourStepId(), TourScript::knownSteps()[i]);
    const QString title = steps[i].toObject().value(QStringLiteral("title")).toString();
    QCOMPARE(window_->tourPanel()->title(), title);
    QVERIFY2(!window_->tourPanel()->text().contains(QLatin1Char('{')), qPrintable(window_->tourPanel()->text()));
    window_->tourNext();
  }
}

void TestTour::teachersCopyComesFirst() {
  const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/tour");
  QVERIFY(QDir().mkpath(folder));
  QFile file(folder + QStringLiteral("/tour_en.json"));
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(R"({"steps": [{"id": "patches", "title": "Our patches", "text": "{patches} of them."},
                           {"id": "extra", "title": "Questions?", "text": "Ask away."}]})");
  file.close();
  window_->startTour(0, QStringLiteral("en"));
  QCOMPARE(window_->tourStepCount(), 2);
  QCOMPARE(window_->tourPanel()->title(), QStringLiteral("Our patches"));
  QCOMPARE(window_->tourPanel()->text(), QStringLiteral("%1 of them.").arg(window_->model()->meta.config.numPatches()));
  QVERIFY(window_->controls()->settings().grid);  // a known id still sets its step up
  QVERIFY(window_->tourNext());
  QCOMPARE(window_->tourPanel()->text(), QStringLiteral("Ask away."));

  // A broken copy is passed over with a note, and the built-in tour runs.
  QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
  file.write("{\"steps\": [");
  file.close();
  QString note;
  const TourScript script = TourScript::load(QStringLiteral("en"), &note);
  QCOMPARE(script.steps().size(), TourScript::knownSteps().size());
  QVERIFY2(note.contains(QLatin1String("tour_en.json")), qPrintable(note));
  QVERIFY(QFile::remove(file.fileName()));
}

void TestTour::fillKeepsUnknownNamesVisible() {
  QCOMPARE(TourScript::fill(QStringLiteral("{a} and {b}, {a}; {} {1x}"), {{QStringLiteral("a"), QStringLiteral("1")}}),
           QStringLiteral("1 and {b}, 1; {} {1x}"));
}

QTEST_MAIN(TestTour)
#include "tst_tour.moc"
