// .npy encoding: header layout that numpy.load accepts, alignment, and the raw values.
#include <QtTest>

#include <cstring>

#include "util/atomic_file.h"
#include "util/input_file.h"
#include "util/npy.h"

class TestNpy : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void header_data();
  void header();
  void atomicWriteReplacesAndLeavesNoTemp();
};

void TestNpy::header_data() {
  QTest::addColumn<QVector<qint64>>("shape");
  QTest::addColumn<QString>("shapeText");
  QTest::newRow("grid 8x8") << QVector<qint64>{8, 8} << "(8, 8)";
  QTest::newRow("vector") << QVector<qint64>{5} << "(5,)";
  QTest::newRow("non-square 14x21") << QVector<qint64>{14, 21} << "(14, 21)";
}

void TestNpy::header() {
  QFETCH(QVector<qint64>, shape);
  QFETCH(QString, shapeText);
  std::vector<int64_t> dims(shape.begin(), shape.end());
  int64_t count = 1;
  for (auto d : dims) count *= d;
  std::vector<float> values(static_cast<size_t>(count));
  for (size_t i = 0; i < values.size(); ++i) values[i] = 0.5f * static_cast<float>(i) - 3.0f;

  const auto bytes = vitlens::encodeNpyFloat32(values.data(), dims);
  QCOMPARE(bytes[0], uint8_t(0x93));
  QCOMPARE(QByteArray(reinterpret_cast<const char*>(bytes.data()) + 1, 5), QByteArray("NUMPY"));
  const size_t headerLength = bytes[8] | (bytes[9] << 8);
  const size_t dataStart = 10 + headerLength;
  QCOMPARE(dataStart % 64, size_t(0));
  const QByteArray header(reinterpret_cast<const char*>(bytes.data()) + 10, int(headerLength));
  QVERIFY(header.endsWith('\n'));
  QVERIFY(header.contains("'descr': '<f4'"));
  QVERIFY(header.contains("'fortran_order': False"));
  QVERIFY2(header.contains(("'shape': " + shapeText).toLatin1()), header.constData());
  QCOMPARE(bytes.size(), dataStart + values.size() * sizeof(float));
  QVERIFY(std::memcmp(bytes.data() + dataStart, values.data(), values.size() * sizeof(float)) == 0);
}

void TestNpy::atomicWriteReplacesAndLeavesNoTemp() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const std::string path = dir.filePath("map.npy").toStdString();
  const float first[2] = {1.0f, 2.0f};
  const float second[3] = {3.0f, 4.0f, 5.0f};
  vitlens::writeNpyFloat32(path, first, {2});
  vitlens::writeNpyFloat32(path, second, {3});
  const auto read = vitlens::readWholeFile(path, 1 << 20);
  QCOMPARE(read, vitlens::encodeNpyFloat32(second, {3}));
  QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"map.npy"});
  QVERIFY_THROWS_EXCEPTION(vitlens::FileError, vitlens::writeNpyFloat32("/nonexistent-dir/x.npy", first, {2}));
  QVERIFY_THROWS_EXCEPTION(vitlens::FileError, vitlens::readWholeFile(path, 4));
}

QTEST_MAIN(TestNpy)
#include "tst_npy.moc"
