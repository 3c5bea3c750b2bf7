// safetensors: round trips per dtype, and malformed inputs that must throw SafetensorsError without crashing.
#include <ATen/ops/allclose.h>
#include <ATen/ops/randn.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "model/safetensors.h"

#include <QtTest>

using vitlens::SafetensorsError;
using vitlens::StorageDtype;

Q_DECLARE_METATYPE(StorageDtype)
Q_DECLARE_METATYPE(std::vector<uint8_t>)

namespace {

const std::string kSource = "test.safetensors";

// 8-byte little-endian length, the header text, then dataBytes bytes of data (0, 1, 2, ...).
std::vector<uint8_t> makeFile(const std::string& header, size_t dataBytes, uint64_t declaredLength) {
  std::vector<uint8_t> out(8 + header.size() + dataBytes);
  for (size_t i = 0; i < 8; ++i) out[i] = uint8_t(declaredLength >> (8 * i));
  for (size_t i = 0; i < header.size(); ++i) out[8 + i] = uint8_t(header[i]);
  for (size_t i = 0; i < dataBytes; ++i) out[8 + header.size() + i] = uint8_t(i);
  return out;
}
std::vector<uint8_t> makeFile(const std::string& header, size_t dataBytes) {
  return makeFile(header, dataBytes, header.size());
}

std::vector<uint8_t> validFile() {
  std::vector<std::pair<std::string, at::Tensor>> tensors = {{"a.weight", at::randn({4, 3})},
                                                             {"b.bias", at::randn({5})}};
  return vitlens::serializeSafetensors(tensors, {{"name", "x"}}, StorageDtype::F32);
}

}  // namespace

class TestSafetensors : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void roundTrip_data();
  void roundTrip();
  void headerIsAligned();
  void fileRoundTrip();
  void missingFileThrows();
  void malformed_data();
  void malformed();
  void randomCorruption();
  void parseStorageDtype();
};

void TestSafetensors::roundTrip_data() {
  QTest::addColumn<StorageDtype>("dtype");
  QTest::addColumn<double>("relTolerance");
  QTest::newRow("F32") << StorageDtype::F32 << 0.0;
  QTest::newRow("F16") << StorageDtype::F16 << 1.0 / 2048;
  QTest::newRow("BF16") << StorageDtype::BF16 << 1.0 / 256;
}

void TestSafetensors::roundTrip() {
  QFETCH(StorageDtype, dtype);
  QFETCH(double, relTolerance);
  std::vector<std::pair<std::string, at::Tensor>> tensors = {
      {"blocks.0.attn.qkv.weight", at::randn({6, 4})},
      {"pos_embed", at::randn({1, 3, 4})},
      {"scalar", at::randn({})},
      {"empty", at::randn({0, 3})},
      {"transposed", at::randn({3, 5}).t()},  // not contiguous
  };
  const std::map<std::string, std::string> metadata = {
      {"format", "vitlens"}, {"config", "{\"depth\": 1}"}, {"unicode", "\xc3\xa9t\xc3\xa9"}};
  const auto bytes = vitlens::serializeSafetensors(tensors, metadata, dtype);
  const auto content = vitlens::parseSafetensors(bytes.data(), bytes.size(), kSource);
  QCOMPARE(content.metadata, metadata);
  QCOMPARE(content.tensors.size(), tensors.size());
  for (size_t i = 0; i < tensors.size(); ++i) {
    const auto& [name, original] = tensors[i];
    QCOMPARE(content.tensors[i].first, name);  // file order = write order
    const auto* loaded = content.find(name);
    QVERIFY(loaded != nullptr);
    QCOMPARE(loaded->scalar_type(), at::kFloat);
    QVERIFY(loaded->is_contiguous());
    QCOMPARE(loaded->sizes().vec(), original.sizes().vec());
    if (dtype == StorageDtype::F32) {
      QVERIFY(loaded->equal(original));
    } else {
      const auto rounded = original.to(dtype == StorageDtype::F16 ? at::kHalf : at::kBFloat16).to(at::kFloat);
      QVERIFY(loaded->equal(rounded));  // exactly the dtype's round-to-nearest
      QVERIFY(at::allclose(*loaded, original, relTolerance, 1e-6));
    }
  }
  QVERIFY(content.find("missing") == nullptr);
}

void TestSafetensors::headerIsAligned() {
  const auto bytes = validFile();
  uint64_t headerLength = 0;
  for (int i = 7; i >= 0; --i) headerLength = (headerLength << 8) | bytes[size_t(i)];
  QCOMPARE(headerLength % 8, uint64_t(0));
  QCOMPARE(bytes.size(), size_t(8 + headerLength + (12 + 5) * 4));
  QCOMPARE(char(bytes[8]), '{');
}

void TestSafetensors::fileRoundTrip() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const auto path = dir.filePath("weights.safetensors").toStdString();
  const auto weight = at::randn({7, 2});
  vitlens::writeSafetensors(path, {{"w", weight}}, {{"k", "v"}}, StorageDtype::F32);
  const auto content = vitlens::readSafetensors(path);
  QVERIFY(content.find("w")->equal(weight));
  QCOMPARE(content.metadata.at("k"), std::string("v"));
  QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);  // no temporary file left behind
}

void TestSafetensors::missingFileThrows() {
  try {
    vitlens::readSafetensors("/nonexistent/dir/model.safetensors");
    QFAIL("no exception");
  } catch (const SafetensorsError& e) {
    const QString message = e.what();
    QVERIFY2(message.contains("cannot open /nonexistent/dir/model.safetensors"), e.what());
    QVERIFY2(message.contains("No such file or directory"), e.what());
  }
}

void TestSafetensors::malformed_data() {
  QTest::addColumn<std::vector<uint8_t>>("bytes");
  QTest::addColumn<QStringList>("mustContain");
  const std::string f32x2 = R"("dtype": "F32", "shape": [2])";
  QTest::newRow("empty") << std::vector<uint8_t>{} << QStringList{"too small"};
  QTest::newRow("7 bytes") << std::vector<uint8_t>(7, 0) << QStringList{"too small"};
  QTest::newRow("header length past end") << makeFile("{}", 0, 100) << QStringList{"100", "past the end"};
  QTest::newRow("header length 2^63") << makeFile("{}", 0, 1ull << 63) << QStringList{"exceeds"};
  QTest::newRow("header length 2^64-1") << makeFile("{}", 0, ~0ull) << QStringList{"exceeds"};
  QTest::newRow("bad JSON") << makeFile(R"({"w": {"dtype": )", 0) << QStringList{"not valid JSON"};
  QTest::newRow("invalid UTF-8") << makeFile("{\"\xff\": 1}", 0) << QStringList{"not valid JSON"};
  QTest::newRow("JSON not an object") << makeFile("[1, 2]", 0) << QStringList{"not a JSON object"};
  QTest::newRow("deep nesting") << makeFile(std::string(5000, '[') + std::string(5000, ']'), 0)
                                << QStringList{"nested"};
  QTest::newRow("entry not an object") << makeFile(R"({"w": 5})", 0) << QStringList{"'w'", "not a JSON object"};
  QTest::newRow("missing dtype") << makeFile(R"({"w": {"shape": [2], "data_offsets": [0, 8]}})", 8)
                                 << QStringList{"'w'", "dtype"};
  QTest::newRow("unknown dtype") << makeFile(R"({"w": {"dtype": "F64", "shape": [1], "data_offsets": [0, 8]}})", 8)
                                 << QStringList{"'w'", "F64"};
  QTest::newRow("negative shape") << makeFile(R"({"w": {"dtype": "F32", "shape": [-2], "data_offsets": [0, 8]}})", 8)
                                  << QStringList{"'w'", "shape"};
  QTest::newRow("float shape") << makeFile(R"({"w": {"dtype": "F32", "shape": [1.5], "data_offsets": [0, 8]}})", 8)
                               << QStringList{"'w'", "shape"};
  QTest::newRow("shape not array") << makeFile(R"({"w": {"dtype": "F32", "shape": 2, "data_offsets": [0, 8]}})", 8)
                                   << QStringList{"'w'", "shape"};
  QTest::newRow("shape overflow")
      << makeFile(R"({"w": {"dtype": "F32", "shape": [4611686018427387904, 8], "data_offsets": [0, 8]}})", 8)
      << QStringList{"'w'", "shape"};
  QTest::newRow("shape product wraps to 0")
      << makeFile(R"({"w": {"dtype": "F32", "shape": [4294967296, 4294967296], "data_offsets": [0, 0]}})", 0)
      << QStringList{"'w'", "shape"};
  QTest::newRow("one offset") << makeFile(R"({"w": {)" + f32x2 + R"(, "data_offsets": [0]}})", 8)
                              << QStringList{"'w'", "data_offsets"};
  QTest::newRow("negative offset") << makeFile(R"({"w": {)" + f32x2 + R"(, "data_offsets": [-8, 0]}})", 8)
                                   << QStringList{"'w'", "data_offsets"};
  QTest::newRow("offsets out of range") << makeFile(R"({"w": {)" + f32x2 + R"(, "data_offsets": [0, 400]}})", 8)
                                        << QStringList{"'w'", "past the end"};
  QTest::newRow("begin > end") << makeFile(R"({"w": {)" + f32x2 + R"(, "data_offsets": [8, 0]}})", 8)
                               << QStringList{"'w'", "begin after end"};
  QTest::newRow("overlapping offsets") << makeFile(R"({"a": {)" + f32x2 + R"(, "data_offsets": [0, 8]}, "b": {)" +
                                                       f32x2 + R"(, "data_offsets": [4, 12]}})",
                                                   12)
                                       << QStringList{"'a'", "'b'", "overlaps"};
  QTest::newRow("gap between tensors") << makeFile(R"({"a": {)" + f32x2 + R"(, "data_offsets": [0, 8]}, "b": {)" +
                                                       f32x2 + R"(, "data_offsets": [12, 20]}})",
                                                   20)
                                       << QStringList{"'b'", "gap"};
  QTest::newRow("trailing data") << makeFile(R"({"w": {)" + f32x2 + R"(, "data_offsets": [0, 8]}})", 12)
                                 << QStringList{"after the last tensor"};
  QTest::newRow("wrong byte size") << makeFile(R"({"w": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}})", 8)
                                   << QStringList{"'w'", "12 bytes"};
  QTest::newRow("duplicate tensor names") << makeFile(R"({"w": {)" + f32x2 + R"(, "data_offsets": [0, 8]}, "w": {)" +
                                                          f32x2 + R"(, "data_offsets": [8, 16]}})",
                                                      16)
                                          << QStringList{"duplicate", "'w'"};
  QTest::newRow("duplicate field") << makeFile(R"({"w": {)" + f32x2 + R"(, "dtype": "F16", "data_offsets": [0, 8]}})",
                                               8)
                                   << QStringList{"duplicate", "dtype"};
  QTest::newRow("metadata not an object") << makeFile(R"({"__metadata__": [1]})", 0) << QStringList{"__metadata__"};
  QTest::newRow("metadata value not a string")
      << makeFile(R"({"__metadata__": {"config": 1}})", 0) << QStringList{"__metadata__", "'config'"};

  const auto valid = validFile();
  uint64_t headerLength = 0;
  for (int i = 7; i >= 0; --i) headerLength = (headerLength << 8) | valid[size_t(i)];
  for (size_t cut : {size_t(0), size_t(5), size_t(8), size_t(8 + headerLength / 2), size_t(8 + headerLength),
                     size_t(8 + headerLength + 10), valid.size() - 1}) {
    QTest::newRow(qPrintable(QString("truncated at %1 of %2").arg(cut).arg(valid.size())))
        << std::vector<uint8_t>(valid.begin(), valid.begin() + std::ptrdiff_t(cut)) << QStringList{};
  }
}

void TestSafetensors::malformed() {
  QFETCH(std::vector<uint8_t>, bytes);
  QFETCH(QStringList, mustContain);
  try {
    vitlens::parseSafetensors(bytes.data(), bytes.size(), kSource);
    QFAIL("no exception");
  } catch (const SafetensorsError& e) {
    const QString message = e.what();
    QVERIFY2(message.startsWith(QString::fromStdString(kSource) + ": "), e.what());
    for (const auto& part : mustContain) QVERIFY2(message.contains(part), e.what());
  }
}

// Random byte edits of a valid file (header and data): every outcome is a parse or a SafetensorsError.
void TestSafetensors::randomCorruption() {
  const auto valid = validFile();
  std::mt19937 random(12345);
  int rejected = 0;
  for (int round = 0; round < 3000; ++round) {
    auto bytes = valid;
    const int edits = 1 + int(random() % 4);
    for (int i = 0; i < edits; ++i) {
      const size_t at = random() % (round % 2 ? bytes.size() : std::min<size_t>(bytes.size(), 200));
      const char* interesting = "{}[]\",:-0123456789eE. ";
      bytes[at] = random() % 2 ? uint8_t(random()) : uint8_t(interesting[random() % std::strlen(interesting)]);
    }
    if (round % 7 == 0) bytes.resize(random() % bytes.size());
    try {
      const auto content = vitlens::parseSafetensors(bytes.data(), bytes.size(), kSource);
      QVERIFY(content.tensors.size() <= 2);
    } catch (const SafetensorsError&) {
      ++rejected;
    }
  }
  QVERIFY(rejected > 0);
}

void TestSafetensors::parseStorageDtype() {
  QVERIFY(vitlens::parseStorageDtype("float32") == StorageDtype::F32);
  QVERIFY(vitlens::parseStorageDtype("f16") == StorageDtype::F16);
  QVERIFY(vitlens::parseStorageDtype("BF16") == StorageDtype::BF16);
  QVERIFY(vitlens::parseStorageDtype("bfloat16") == StorageDtype::BF16);
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::parseStorageDtype("int8"));
}

QTEST_MAIN(TestSafetensors)
#include "tst_safetensors.moc"
