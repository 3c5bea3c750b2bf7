// vitlens-cli train and evaluate as scripts use them: exit codes, files written, the JSON shape.
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <QtTest>

#include "cli_runner.h"

namespace {

// Two classes that differ in colour alone: enough to check the plumbing, not the learning (tst_training does that).
void writeFolder(const QString& root, const QStringList& classes, int perClass) {
  cv::RNG rng(1);
  for (int c = 0; c < classes.size(); ++c) {
    QDir().mkpath(root + "/" + classes[c]);
    for (int i = 0; i < perClass; ++i) {
      cv::Mat image(32, 32, CV_8UC3, cv::Scalar(c ? 30 : 220, 90, c ? 220 : 30));
      cv::Mat noise(32, 32, CV_8UC3);
      rng.fill(noise, cv::RNG::UNIFORM, 0, 30);
      image += noise;
      QVERIFY(cv::imwrite(QString("%1/%2/%3.png").arg(root, classes[c]).arg(i).toStdString(), image));
    }
  }
}

const QStringList kTinyArchitecture = {"--patch", "8", "--dim", "16", "--depth", "1", "--heads", "2", "--mlp", "32"};

}  // namespace

class TestTrainCli : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void trainWritesModelCheckpointAndMetrics();
  void provenanceNamesTheDataNotThePath();
  void evaluateJson();
  void evaluateText();
  void unknownClassFolderIsAnInputError();
  void resumeWithOtherArchitectureIsRefused();
  void usageErrors_data();
  void usageErrors();

 private:
  QString path(const QString& name) const { return dir_.filePath(name); }
  QTemporaryDir dir_;
  QString model_;
};

void TestTrainCli::initTestCase() {
  QVERIFY(dir_.isValid());
  writeFolder(path("data/train"), {"blue", "red"}, 12);
  writeFolder(path("test"), {"blue", "red"}, 5);
  writeFolder(path("zoo"), {"red", "zebra"}, 2);
  model_ = path("tiny.safetensors");
}

void TestTrainCli::trainWritesModelCheckpointAndMetrics() {
  QStringList arguments = {"train", "--data",    path("data"), "--out",    model_, "--epochs",  "2", "--batch",
                           "8",     "--holdout", "6",          "--warmup", "1",    "--threads", "1"};
  const Result train = runCli(arguments + kTinyArchitecture);
  QVERIFY2(train.exitCode == 0, train.err.constData());
  QVERIFY(train.out.contains("epoch   2"));
  QVERIFY(QFile::exists(model_));
  QVERIFY(QFile::exists(model_ + ".ckpt"));
  QFile metrics(model_ + ".metrics.csv");
  QVERIFY(metrics.open(QIODevice::ReadOnly));
  const QList<QByteArray> lines = metrics.readAll().trimmed().split('\n');
  QCOMPARE(lines.size(), 3);
  QCOMPARE(lines[0], QByteArray("epoch,train_loss,train_acc,val_loss,val_acc,lr,seconds"));
  // Never overwrites without --force.
  QCOMPARE(runCli(arguments + kTinyArchitecture).exitCode, 2);
  // Resuming a finished run changes nothing and succeeds.
  const Result resume = runCli(arguments + kTinyArchitecture + QStringList{"--resume"});
  QVERIFY2(resume.exitCode == 0, resume.err.constData());
}

void TestTrainCli::provenanceNamesTheDataNotThePath() {
  // The trained model records which data it saw (name, size, a checksum of the file list), not where this machine
  // kept it. FNV-1a 64 of "blue/0.png\n" ... "red/11.png\n" in scan order (names sorted as strings).
  QStringList names;
  for (const char* colour : {"blue", "red"}) {
    QStringList files;
    for (int i = 0; i < 12; ++i) files << QString("%1.png").arg(i);
    files.sort();
    for (const QString& file : files) names << QString("%1/%2\n").arg(colour, file);
  }
  quint64 hash = 14695981039346656037ull;
  for (const char c : names.join("").toLatin1()) {
    hash ^= static_cast<quint8>(c);
    hash *= 1099511628211ull;
  }
  const Result info = runCli({"info", "--model", model_, "--json"});
  QVERIFY2(info.exitCode == 0, info.err.constData());
  const QJsonObject provenance = QJsonDocument::fromJson(info.out).object()["provenance"].toObject();
  QCOMPARE(provenance["data"].toString(),
           QString("data/train: 24 images in 2 classes, file list fnv1a64 %1").arg(hash, 16, 16, QChar('0')));
  for (const QString& key : provenance.keys()) {
    QVERIFY2(!provenance[key].toString().contains(dir_.path()), qPrintable(key + ": " + provenance[key].toString()));
  }
}

void TestTrainCli::evaluateJson() {
  const Result result = runCli({"evaluate", "--model", model_, "--data", path("test"), "--json"});
  QVERIFY2(result.exitCode == 0, result.err.constData());
  const QJsonObject json = QJsonDocument::fromJson(result.out).object();
  QCOMPARE(json["images"].toInt(), 10);
  QCOMPARE(json["labels"].toArray().size(), 2);
  QCOMPARE(json["confusion"].toArray().size(), 2);
  QVERIFY(json["per_class"].toObject().contains("zebra") == false);
  QVERIFY(json["per_class"].toObject().contains("red"));
  QVERIFY(json["accuracy"].toDouble() >= 0.0 && json["accuracy"].toDouble() <= 1.0);
  QVERIFY(json["images_per_s"].toDouble() > 0.0);
  int total = 0;
  for (const auto& row : json["confusion"].toArray()) {
    for (const auto& cell : row.toArray()) total += cell.toInt();
  }
  QCOMPARE(total, 10);
}

void TestTrainCli::evaluateText() {
  const Result result = runCli({"evaluate", "--model", model_, "--data", path("test")});
  QVERIFY2(result.exitCode == 0, result.err.constData());
  QVERIFY(result.out.contains("accuracy"));
  QVERIFY(result.out.contains("confusion matrix"));
}

void TestTrainCli::unknownClassFolderIsAnInputError() {
  const Result result = runCli({"evaluate", "--model", model_, "--data", path("zoo")});
  QCOMPARE(result.exitCode, 1);
  QVERIFY2(result.err.contains("zebra"), result.err.constData());
}

void TestTrainCli::resumeWithOtherArchitectureIsRefused() {
  const Result result = runCli({"train", "--data", path("data"), "--out", model_, "--epochs", "3", "--holdout", "6",
                                "--dim", "24", "--resume", "--threads", "1"});
  QCOMPARE(result.exitCode, 1);
  QVERIFY2(result.err.contains("architecture"), result.err.constData());
}

void TestTrainCli::usageErrors_data() {
  QTest::addColumn<QStringList>("arguments");
  QTest::newRow("train without --out") << QStringList{"train", "--data", "x"};
  QTest::newRow("train unknown option") << QStringList{"train", "--data", "x", "--out", "y", "--bogus", "1"};
  QTest::newRow("train bad ohem") << QStringList{"train", "--data", "x", "--out", "y", "--ohem", "0"};
  QTest::newRow("evaluate without --data") << QStringList{"evaluate", "--model", "m"};
}

void TestTrainCli::usageErrors() {
  QFETCH(QStringList, arguments);
  const Result result = runCli(arguments);
  QCOMPARE(result.exitCode, 2);
}

QTEST_MAIN(TestTrainCli)
#include "tst_train_cli.moc"
