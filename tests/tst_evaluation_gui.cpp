// Whole folders in the window (README, "Whole folders"): Evaluate Folder agrees with vitlens-cli evaluate on the
// same folder, a confusion cell fills the filmstrip with exactly its images, the exports parse and match, Cancel
// stops within a second, and an unreadable image is reported while the rest still count.
#include <QAction>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <memory>

#include "gui_test_support.h"
#include "ui/confusion_view.h"
#include "ui/evaluation_panel.h"
#include "ui/filmstrip.h"
#include "ui/main_window.h"
#include "ui/model_session.h"

using vitlens::ui::MainWindow;

class TestEvaluationGui : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void matchesTheCliAndFillsTheFilmstrip();
  void cancelStopsWithinASecond();

 private:
  // dir/<class>/<n>.png for the classes, `perClass` images each of seeded random colour blobs.
  void makeFolder(const QString& dir, const QStringList& classes, int perClass);
  QJsonObject cliEvaluate(const QString& dir);

  QTemporaryDir dir_;
  QString modelPath_;
};

void TestEvaluationGui::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);
  QCoreApplication::setOrganizationName(QStringLiteral("vitlens-tests"));
  QCoreApplication::setApplicationName(QStringLiteral("tst_evaluation_gui"));
  QSettings().clear();
  QVERIFY(dir_.isValid());
  modelPath_ = testModelPath(dir_);
}

void TestEvaluationGui::makeFolder(const QString& dir, const QStringList& classes, int perClass) {
  cv::RNG rng(7);
  for (const QString& name : classes) {
    QVERIFY(QDir().mkpath(dir + "/" + name));
    for (int i = 0; i < perClass; ++i) {
      cv::Mat image(32, 32, CV_8UC3, cv::Scalar(rng.uniform(0, 255), rng.uniform(0, 255), rng.uniform(0, 255)));
      cv::Mat noise(32, 32, CV_8UC3);
      rng.fill(noise, cv::RNG::UNIFORM, 0, 90);
      image += noise;
      QVERIFY(cv::imwrite(QStringLiteral("%1/%2/%3.png").arg(dir, name).arg(i, 4, 10, QLatin1Char('0')).toStdString(),
                          image));
    }
  }
}

QJsonObject TestEvaluationGui::cliEvaluate(const QString& dir) {
  QProcess cli;
  QStringList arguments{"evaluate", "--data", dir, "--json", "--per-image"};
  if (!modelPath_.isEmpty()) arguments << "--model" << modelPath_;
  cli.start(QStringLiteral(VITLENS_CLI_PATH), arguments);
  if (!cli.waitForFinished(120000)) return {};
  return QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
}

void TestEvaluationGui::matchesTheCliAndFillsTheFilmstrip() {
  const QString folder = dir_.filePath(QStringLiteral("data"));
  makeFolder(folder, {"airplane", "cat", "dog", "ship"}, 12);
  QFile broken(folder + "/dog/broken.jpg");
  QVERIFY(broken.open(QIODevice::WriteOnly));
  broken.write("not a JPEG at all");
  broken.close();
  const QJsonObject cli = cliEvaluate(folder);
  QCOMPARE(cli["images"].toInt(), 48);
  QCOMPARE(cli["failed"].toInt(), 1);

  MainWindow window(modelPath_, vitlens::DeviceChoice::Cpu, /*interactive=*/false);
  window.resize(1440, 900);
  window.show();
  window.waitForIdle();
  QVERIFY(window.evaluateFolder(folder));
  window.waitForIdle();
  const vitlens::ui::FolderResult* result = window.session()->folderResult();
  QVERIFY(result != nullptr);
  const vitlens::FolderEvaluation& e = *result->evaluation;
  QCOMPARE(e.images, qint64(48));
  QCOMPARE(e.failed, qint64(1));  // reported, and the other 48 still count
  QVERIFY(std::abs(e.confusion.accuracy() - cli["accuracy"].toDouble()) < 1e-12);
  const QJsonArray rows = cli["confusion"].toArray();
  for (int t = 0; t < rows.size(); ++t) {
    for (int p = 0; p < rows.size(); ++p) QCOMPARE(e.confusion.count(t, p), qint64(rows[t].toArray()[p].toInt()));
  }

  // The busiest cell, clicked: the filmstrip holds exactly the CLI's images of that cell, in folder order.
  int64_t truth = -1, predicted = -1, most = -1;
  for (int64_t t : e.presentClasses) {
    for (int64_t p = 0; p < static_cast<int64_t>(e.confusion.labels().size()); ++p) {
      if (e.confusion.count(t, p) > most) most = e.confusion.count(t, p), truth = t, predicted = p;
    }
  }
  vitlens::ui::ConfusionView* view = window.evaluationPanel()->confusionView();
  QCOMPARE(view->classCount(), 4);
  QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, view->cellCenter(truth, predicted));
  window.waitForIdle();
  QStringList expected;
  const QString truthName = QString::fromStdString(e.confusion.labels()[static_cast<size_t>(truth)]);
  const QString predictedName = QString::fromStdString(e.confusion.labels()[static_cast<size_t>(predicted)]);
  for (const QJsonValue& v : cli["per_image"].toArray()) {
    const QJsonObject o = v.toObject();
    if (o["label"].toString() == truthName && o["predicted"].toString() == predictedName) {
      expected << o["path"].toString();
    }
  }
  QCOMPARE(window.filmstrip()->paths(), expected);
  QCOMPARE(static_cast<int>(window.evaluationPanel()->shownRows().size()), expected.size());
  QCOMPARE(window.imageName(), QFileInfo(expected.first()).fileName());  // the first one, opened

  // Exports: JSON with the per-image list as the CLI prints it, CSV with one row per image.
  const QString json = dir_.filePath(QStringLiteral("results.json"));
  const QString csv = dir_.filePath(QStringLiteral("results.csv"));
  QVERIFY(window.exportEvaluationJson(json).isEmpty());
  QVERIFY(window.exportEvaluationCsv(csv).isEmpty());
  QVERIFY(!window.exportEvaluationCsv(csv).isEmpty());  // never replaced without asking
  QFile jsonFile(json);
  QVERIFY(jsonFile.open(QIODevice::ReadOnly));
  const QJsonObject exported = QJsonDocument::fromJson(jsonFile.readAll()).object();
  QCOMPARE(exported["confusion"].toArray(), cli["confusion"].toArray());
  QCOMPARE(exported["per_image"].toArray().size(), 49);
  for (int i = 0; i < 49; ++i) {
    const QJsonObject a = exported["per_image"].toArray()[i].toObject(), b = cli["per_image"].toArray()[i].toObject();
    QCOMPARE(a["path"], b["path"]);
    QCOMPARE(a["predicted"], b["predicted"]);
    QCOMPARE(a.contains("error"), b.contains("error"));
  }
  QFile csvFile(csv);
  QVERIFY(csvFile.open(QIODevice::ReadOnly));
  const QStringList lines = QString::fromUtf8(csvFile.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
  QCOMPARE(lines.size(), 50);
  QVERIFY(lines.filter(QStringLiteral("broken.jpg")).first().contains(QStringLiteral("error:")));
  QVERIFY(window.exportConfusionPng(dir_.filePath(QStringLiteral("confusion.png"))).isEmpty());

  // One-click filters: the wrong answers, surest first.
  window.evaluationPanel()->findChild<QPushButton*>(QStringLiteral("showMostConfidentWrong"))->click();
  const std::vector<size_t> wrong = window.evaluationPanel()->shownRows();
  for (size_t i = 1; i < wrong.size(); ++i) {
    QVERIFY(!e.perImage[wrong[i]].correct());
    QVERIFY(e.perImage[wrong[i]].probability() <= e.perImage[wrong[i - 1]].probability());
  }
}

void TestEvaluationGui::cancelStopsWithinASecond() {
  const QString folder = dir_.filePath(QStringLiteral("large"));
  makeFolder(folder, {"cat", "dog"}, 1500);
  MainWindow window(modelPath_, vitlens::DeviceChoice::Cpu, /*interactive=*/false);
  window.show();
  window.waitForIdle();
  QSignalSpy progress(window.session(), &vitlens::ui::ModelSession::folderProgress);
  QVERIFY(window.evaluateFolder(folder));
  QVERIFY(progress.wait(20000));  // the first batch is done
  QElapsedTimer timer;
  timer.start();
  window.findChild<QPushButton*>(QStringLiteral("cancelEvaluation"))->click();
  window.waitForIdle();
  QVERIFY2(timer.elapsed() < 1000, qPrintable(QString("%1 ms").arg(timer.elapsed())));
  const vitlens::ui::FolderResult* result = window.session()->folderResult();
  QVERIFY(result != nullptr && result->evaluation->cancelled);
  QVERIFY(result->evaluation->images < 3000);
  QVERIFY(!window.evaluationPanel()->running());
  // Still usable: an image runs as before.
  window.openImage(samplePath("chelsea.jpg"));
  window.waitForIdle();
  QCOMPARE(window.imageName(), QStringLiteral("chelsea.jpg"));
}

QTEST_MAIN(TestEvaluationGui)
#include "tst_evaluation_gui.moc"
