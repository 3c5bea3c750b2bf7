// ModelSession without a window (no QApplication, only an event loop): which model it stands for, the image
// queued before a model exists, the fallback, a failed load keeping the old model, reloads re-running the shown
// image, the newest image winning, and maps only for an image that has attention.
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "gui_test_support.h"
#include "analysis/attention_set_maps.h"
#include "ui/model_session.h"

using namespace vitlens;
using namespace vitlens::ui;

namespace {

// Waits for the session's queued work; signals are delivered by then.
void settle(ModelSession& session) { session.waitForIdle(); }

QString lastMessage(const QSignalSpy& spy) { return spy.isEmpty() ? QString() : spy.last().at(0).toString(); }

}  // namespace

class TestModelSession : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    modelPath_ = testModelPath(dir_);
    badModel_ = dir_.filePath(QStringLiteral("broken.safetensors"));
    QFile broken(badModel_);
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("not a model at all");
    broken.close();
  }

  void startsWithTheModelItWasGiven() {
    ModelSession session;
    QSignalSpy loaded(&session, &ModelSession::modelLoaded);
    QSignalSpy choice(&session, &ModelSession::choiceChanged);
    QSignalSpy failed(&session, &ModelSession::modelFailed);
    session.start(modelPath_, DeviceChoice::Cpu, true);
    QCOMPARE(session.modelPath(), modelPath_);  // what it stands for from the moment it is asked
    QVERIFY(session.model() == nullptr);
    settle(session);
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(failed.count(), 0);
    QVERIFY(session.model() != nullptr);
    QCOMPARE(session.model()->requestedPath, modelPath_);
    QCOMPARE(session.model()->device, QStringLiteral("cpu"));
    QCOMPARE(session.device(), DeviceChoice::Cpu);
    QVERIFY(choice.count() >= 1);
    QCOMPARE(choice.last().at(0).value<DeviceChoice>(), DeviceChoice::Cpu);
  }

  void imageAskedForBeforeTheModelRunsOnceItLoads() {
    ModelSession session;
    QSignalSpy ready(&session, &ModelSession::imageReady);
    QSignalSpy imageFailed(&session, &ModelSession::imageFailed);
    session.start(modelPath_, DeviceChoice::Cpu, true);
    session.openImageFile(samplePath("chelsea.jpg"));  // queued before the load has finished
    QCOMPARE(session.pendingImageName(), QStringLiteral("chelsea.jpg"));
    settle(session);
    QCOMPARE(imageFailed.count(), 0);  // "no model yet" is not the user's error
    QCOMPARE(ready.count(), 1);
    QVERIFY(session.result() != nullptr);
    QCOMPARE(session.result()->imageName, QStringLiteral("chelsea.jpg"));
    QCOMPARE(session.result()->path, samplePath("chelsea.jpg"));
    QVERIFY(!session.result()->analysis.classification.top.empty());
    QVERIFY(session.result()->analysis.attention != nullptr);
  }

  void badFirstModelFallsBackToTheBuiltInOne() {
    if (!hasBuiltInModel()) QSKIP("this build ships no built-in model");
    ModelSession session;
    QSignalSpy failed(&session, &ModelSession::modelFailed);
    QSignalSpy loaded(&session, &ModelSession::modelLoaded);
    session.start(badModel_, DeviceChoice::Cpu, true);
    settle(session);
    QCOMPARE(failed.count(), 1);
    QVERIFY2(lastMessage(failed).startsWith(QStringLiteral("Could not load the model: ")),
             qPrintable(lastMessage(failed)));
    QCOMPARE(loaded.count(), 1);
    QVERIFY(session.model() != nullptr);
    QVERIFY(session.modelPath().isEmpty());  // now stands for the built-in model
    QVERIFY(session.model()->requestedPath.isEmpty());
  }

  void badFirstModelWithoutFallbackLeavesNoModel() {
    ModelSession session;
    QSignalSpy failed(&session, &ModelSession::modelFailed);
    QSignalSpy loaded(&session, &ModelSession::modelLoaded);
    session.start(badModel_, DeviceChoice::Cpu, false);
    settle(session);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(loaded.count(), 0);
    QVERIFY(session.model() == nullptr);
  }

  void failedLoadKeepsTheModelAndItsOptions() {
    ModelSession session;
    session.start(modelPath_, DeviceChoice::Cpu, true);
    session.openImageFile(samplePath("coffee.jpg"));
    settle(session);
    const ModelInfo* loaded = session.model();
    QVERIFY(loaded != nullptr);
    const QString source = loaded->source;
    QSignalSpy failed(&session, &ModelSession::modelFailed);
    QSignalSpy choice(&session, &ModelSession::choiceChanged);
    QSignalSpy ready(&session, &ModelSession::imageReady);
    ModelLoadOptions options;
    options.dtype = ComputeDtype::BFloat16;
    session.openModel(badModel_, options);
    QCOMPARE(session.modelPath(), badModel_);
    QCOMPARE(session.modelOptions().dtype, ComputeDtype::BFloat16);
    settle(session);
    QCOMPARE(failed.count(), 1);
    QVERIFY(lastMessage(failed).contains(QStringLiteral("broken.safetensors")));
    QCOMPARE(session.model()->source, source);
    QCOMPARE(session.modelPath(), modelPath_);  // back to what is loaded
    QCOMPARE(session.modelOptions().dtype, ComputeDtype::Auto);
    QCOMPARE(choice.last().at(1).value<ComputeDtype>(), ComputeDtype::Auto);  // the precision menu goes back
    QCOMPARE(ready.count(), 0);                                               // nothing re-ran
    QCOMPARE(session.result()->imageName, QStringLiteral("coffee.jpg"));
  }

  void reloadRerunsTheShownImage() {
    ModelSession session;
    session.start(modelPath_, DeviceChoice::Cpu, true);
    session.openImageFile(samplePath("rocket.jpg"));
    settle(session);
    const quint64 before = session.result()->request;
    QSignalSpy loaded(&session, &ModelSession::modelLoaded);
    QSignalSpy ready(&session, &ModelSession::imageReady);
    session.setPrecision(ComputeDtype::Float32);
    settle(session);
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(session.model()->options.dtype, ComputeDtype::Float32);
    QCOMPARE(ready.count(), 1);
    QCOMPARE(session.result()->imageName, QStringLiteral("rocket.jpg"));
    QVERIFY(session.result()->request > before);
  }

  void imageAskedForDuringALoadIsNotRunTwice() {
    ModelSession session;
    session.start(modelPath_, DeviceChoice::Cpu, true);
    settle(session);
    QSignalSpy ready(&session, &ModelSession::imageReady);
    session.setInputSize(0, 0);                       // a reload is queued...
    session.openImageFile(samplePath("camera.jpg"));  // ...and an image behind it
    settle(session);
    QCOMPARE(ready.count(), 1);
    QCOMPARE(session.result()->imageName, QStringLiteral("camera.jpg"));
  }

  void newestImageWins_data() {
    QTest::addColumn<QStringList>("images");
    QTest::newRow("two") << QStringList{QStringLiteral("chelsea.jpg"), QStringLiteral("coffee.jpg")};
    QTest::newRow("three") << QStringList{QStringLiteral("coffee.jpg"), QStringLiteral("camera.jpg"),
                                          QStringLiteral("astronaut.jpg")};
  }
  void newestImageWins() {
    QFETCH(QStringList, images);
    ModelSession session;
    session.start(modelPath_, DeviceChoice::Cpu, true);
    settle(session);
    QSignalSpy ready(&session, &ModelSession::imageReady);
    for (const QString& name : images) session.openImageFile(samplePath(name.toLatin1().constData()));
    settle(session);
    QVERIFY(ready.count() >= 1);
    QCOMPARE(ready.last().at(0).value<AnalysisResult>().imageName, images.last());
    QCOMPARE(session.result()->imageName, images.last());
  }

  void badImageIsReportedAndTheShownOneStays() {
    ModelSession session;
    session.start(modelPath_, DeviceChoice::Cpu, true);
    session.openImageFile(samplePath("chelsea.jpg"));
    settle(session);
    QSignalSpy failed(&session, &ModelSession::imageFailed);
    session.openImageFile(badModel_);  // not an image
    settle(session);
    session.openImageData(cv::Mat(), QStringLiteral("pasted image"));
    settle(session);
    QCOMPARE(failed.count(), 2);
    QVERIFY2(failed.at(0).at(0).toString().contains(QStringLiteral("broken.safetensors")),
             qPrintable(failed.at(0).at(0).toString()));
    QCOMPARE(failed.at(1).at(0).toString(), QStringLiteral("pasted image: no image data"));
    QCOMPARE(session.result()->imageName, QStringLiteral("chelsea.jpg"));
  }

  void cudaWithoutOneChangesNothing() {
    if (cudaAvailable()) QSKIP("this machine has CUDA");
    ModelSession session;
    session.start(modelPath_, DeviceChoice::Cpu, true);
    settle(session);
    QSignalSpy error(&session, &ModelSession::errorOccurred);
    QSignalSpy loaded(&session, &ModelSession::modelLoaded);
    QSignalSpy choice(&session, &ModelSession::choiceChanged);
    QVERIFY(!session.setDevice(DeviceChoice::Cuda));
    settle(session);
    QCOMPARE(error.count(), 1);
    QVERIFY(lastMessage(error).contains(QStringLiteral("CUDA is not available")));
    QCOMPARE(loaded.count(), 0);
    QCOMPARE(session.device(), DeviceChoice::Cpu);
    QCOMPARE(choice.count(), 1);  // a combo box already showing CUDA is put back
    QCOMPARE(choice.last().at(0).value<DeviceChoice>(), DeviceChoice::Cpu);
  }

  void mapsNeedAnImageWithAttention() {
    ModelSession session;
    session.start(modelPath_, DeviceChoice::Cpu, true);
    settle(session);
    MapRequest request;
    QVERIFY(!session.computeMap(request, std::nullopt));
    QCOMPARE(session.mapJobs(), quint64{0});
    session.openImageFile(samplePath("astronaut.jpg"));
    settle(session);
    QSignalSpy maps(&session, &ModelSession::mapReady);
    QVERIFY(session.computeMap(request, 0));
    settle(session);
    QCOMPARE(session.mapJobs(), quint64{1});
    QCOMPARE(maps.count(), 1);
    const MapResult map = maps.last().at(0).value<MapResult>();
    const VitConfig& config = session.model()->meta.config;
    QCOMPARE(map.map.rows, static_cast<int>(config.gridHeight()));
    QCOMPARE(map.map.cols, static_cast<int>(config.gridWidth()));
    QVERIFY(map.hasTiles);
    QCOMPARE(static_cast<int64_t>(map.tileMaps.size()), config.depth * config.numHeads);
  }

 private:
  QTemporaryDir dir_;
  QString modelPath_;
  QString badModel_;
};

QTEST_GUILESS_MAIN(TestModelSession)
#include "tst_model_session.moc"
