// Files people point vitlens at, read and written without trusting them: FIFOs, devices, folders and symbolic
// links are refused (never blocked on, never replaced), reads are bounded, two outputs are written all or nothing,
// empty option values are usage errors, and text from files reaches a terminal escaped and bounded.
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <QtTest>

#include <fstream>

#include "util/arg_parser.h"
#include "util/atomic_file.h"
#include "util/input_file.h"
#include "util/message_text.h"

using namespace vitlens;

namespace {

std::string readAll(const std::string& path) {
  QFile file(QString::fromStdString(path));
  return file.open(QIODevice::ReadOnly) ? file.readAll().toStdString() : std::string();
}

void writeText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

mode_t typeOf(const std::string& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0 ? (info.st_mode & S_IFMT) : 0;
}

}  // namespace

class TestSafeFiles : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void readRefusesWhatIsNotAFile_data();
  void readRefusesWhatIsNotAFile();
  void readIsBounded();
  void writeRefusesWhatIsNotAFile_data();
  void writeRefusesWhatIsNotAFile();
  void writeReplacesARegularFile();
  void twoOutputsAllOrNothing();
  void writeFailureNamesTheReason();
  void checkWritableRefusesSpecialFiles_data();
  void checkWritableRefusesSpecialFiles();
  void emptyOptionValueIsUsageError();
  void controlCharactersEscaped_data();
  void controlCharactersEscaped();
  void longMessagesBounded();

 private:
  std::string path(const char* name) const { return dir_.filePath(QLatin1String(name)).toStdString(); }
  QTemporaryDir dir_;
  bool haveDevice_ = false;
};

void TestSafeFiles::initTestCase() {
  QVERIFY(dir_.isValid());
  QCOMPARE(::mkfifo(path("fifo").c_str(), 0600), 0);
  QVERIFY(QDir(dir_.path()).mkdir(QStringLiteral("folder")));
  writeText(path("target.txt"), "the link's target");
  QCOMPARE(::symlink(path("target.txt").c_str(), path("link").c_str()), 0);
  // A private copy of /dev/null (same major/minor), so a regression replaces this node, not the system's.
  haveDevice_ = ::mknod(path("null-device").c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0;
}

void TestSafeFiles::readRefusesWhatIsNotAFile_data() {
  QTest::addColumn<QString>("file");
  QTest::addColumn<QString>("expected");
  QTest::newRow("FIFO (would block forever)") << "fifo"
                                              << "FIFO";
  QTest::newRow("folder") << "folder"
                          << "folder";
  QTest::newRow("/dev/zero (endless)") << "/dev/zero"
                                       << "character device";
  QTest::newRow("missing") << "absent"
                           << "No such file";
  QTest::newRow("empty path") << ""
                              << "empty path";
}

void TestSafeFiles::readRefusesWhatIsNotAFile() {
  QFETCH(QString, file);
  QFETCH(QString, expected);
  const std::string target = file.isEmpty()         ? std::string()
                             : file.startsWith('/') ? file.toStdString()
                                                    : path(file.toUtf8().constData());
  try {
    readWholeFile(target, 1 << 20);
    QFAIL("read did not refuse");
  } catch (const FileError& error) {
    QVERIFY2(QString(error.what()).contains(expected), error.what());
  }
  QVERIFY_THROWS_EXCEPTION(FileError, readTextFile(target, 1 << 20, "labels file"));
}

void TestSafeFiles::readIsBounded() {
  writeText(path("hundred.txt"), std::string(100, 'x'));
  QCOMPARE(readWholeFile(path("hundred.txt"), 100).size(), size_t(100));
  try {
    readTextFile(path("hundred.txt"), 99, "labels file");
    QFAIL("an over-long file was read");
  } catch (const FileError& error) {
    QVERIFY2(QString(error.what()).contains("labels file is 100 bytes, above the limit of 99 bytes"), error.what());
  }
  const InputFile file(path("hundred.txt"));
  char buffer[8];
  QVERIFY_THROWS_EXCEPTION(FileError, file.readAt(96, buffer, 8));  // past the end: refused, not short-read
  file.readAt(92, buffer, 8);
  QCOMPARE(std::string(buffer, 8), std::string(8, 'x'));
}

void TestSafeFiles::writeRefusesWhatIsNotAFile_data() {
  QTest::addColumn<QString>("file");
  QTest::addColumn<QString>("expected");
  QTest::newRow("character device") << "null-device"
                                    << "character device";
  QTest::newRow("FIFO") << "fifo"
                        << "FIFO";
  QTest::newRow("symbolic link") << "link"
                                 << "symbolic link";
  QTest::newRow("folder") << "folder"
                          << "folder";
}

void TestSafeFiles::writeRefusesWhatIsNotAFile() {
  QFETCH(QString, file);
  QFETCH(QString, expected);
  if (file == "null-device" && !haveDevice_) QSKIP("mknod needs root");
  const std::string target = path(file.toUtf8().constData());
  const mode_t before = typeOf(target);
  const std::vector<uint8_t> bytes{'n', 'e', 'w'};
  try {
    writeFileAtomically(target, bytes);
    QFAIL("a special file was replaced");
  } catch (const FileError& error) {
    QVERIFY2(QString(error.what()).contains(expected), error.what());
  }
  QCOMPARE(typeOf(target), before);  // still the device, FIFO, link or folder it was
  QCOMPARE(readAll(path("target.txt")), std::string("the link's target"));
  // No temporary file left beside it.
  const QStringList left = QDir(dir_.path()).entryList({QStringLiteral("*.tmp-*")}, QDir::AllEntries | QDir::System);
  QVERIFY2(left.isEmpty(), qPrintable(left.join(' ')));
}

void TestSafeFiles::writeReplacesARegularFile() {
  writeText(path("plain.txt"), "old");
  writeFileAtomically(path("plain.txt"), std::vector<uint8_t>{'n', 'e', 'w'});
  QCOMPARE(readAll(path("plain.txt")), std::string("new"));
}

void TestSafeFiles::twoOutputsAllOrNothing() {
  writeText(path("first.png"), "previous contents");
  // The second output cannot be created: the first must keep its old contents and no temporary file may remain.
  const std::vector<OutputFile> outputs{{path("first.png"), {'a'}}, {path("no-such-folder/second.npy"), {'b'}}};
  QVERIFY_THROWS_EXCEPTION(FileError, writeFilesAtomically(outputs));
  QCOMPARE(readAll(path("first.png")), std::string("previous contents"));
  QVERIFY(QDir(dir_.path()).entryList({QStringLiteral("*.tmp-*")}).isEmpty());
  // A FIFO as the second output: refused before anything is renamed.
  const std::vector<OutputFile> toFifo{{path("fresh.png"), {'a'}}, {path("fifo"), {'b'}}};
  QVERIFY_THROWS_EXCEPTION(FileError, writeFilesAtomically(toFifo));
  QVERIFY(!QFileInfo::exists(QString::fromStdString(path("fresh.png"))));
  QCOMPARE(typeOf(path("fifo")), mode_t(S_IFIFO));
  // Both fine: both written.
  writeFilesAtomically({{path("fresh.png"), {'1'}}, {path("fresh.npy"), {'2'}}});
  QCOMPARE(readAll(path("fresh.png")), std::string("1"));
  QCOMPARE(readAll(path("fresh.npy")), std::string("2"));
}

void TestSafeFiles::writeFailureNamesTheReason() {
  // The disk filling mid-write, simulated with a file-size limit (EFBIG instead of ENOSPC; the same code path):
  // the real reason is reported, the old file is untouched and no temporary file remains.
  writeText(path("full.png"), "old contents");
  ::signal(SIGXFSZ, SIG_IGN);
  struct rlimit saved {};
  QCOMPARE(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  struct rlimit small = saved;
  small.rlim_cur = 1000;
  QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
  QString message;
  try {
    writeFileAtomically(path("full.png"), std::vector<uint8_t>(5000, 'x'));
  } catch (const FileError& error) {
    message = QString::fromUtf8(error.what());
  }
  QCOMPARE(::setrlimit(RLIMIT_FSIZE, &saved), 0);
  QVERIFY2(message.contains("cannot write: File too large"), qPrintable(message));
  QCOMPARE(readAll(path("full.png")), std::string("old contents"));
  QVERIFY(QDir(dir_.path()).entryList({QStringLiteral("*.tmp-*")}).isEmpty());
}

void TestSafeFiles::checkWritableRefusesSpecialFiles_data() {
  QTest::addColumn<QString>("file");
  QTest::newRow("FIFO") << "fifo";
  QTest::newRow("symbolic link") << "link";
  QTest::newRow("character device") << "null-device";
}

void TestSafeFiles::checkWritableRefusesSpecialFiles() {
  QFETCH(QString, file);
  if (file == "null-device" && !haveDevice_) QSKIP("mknod needs root");
  try {
    checkWritable(path(file.toUtf8().constData()), /*force=*/true);
    QFAIL("--force accepted a special file");
  } catch (const UsageError& error) {
    QVERIFY2(QString(error.what()).contains("not a regular file"), error.what());
  }
  QVERIFY_THROWS_EXCEPTION(UsageError, checkWritable("", true));
}

void TestSafeFiles::emptyOptionValueIsUsageError() {
  QVERIFY_THROWS_EXCEPTION(UsageError, Args({"--model", ""}, {}, {"model"}));
  QVERIFY_THROWS_EXCEPTION(UsageError, Args({"--model="}, {}, {"model"}));
  const Args ok({"--model", "m.safetensors"}, {}, {"model"});
  QCOMPARE(ok.valueOr("model", ""), std::string("m.safetensors"));
}

void TestSafeFiles::controlCharactersEscaped_data() {
  QTest::addColumn<QByteArray>("raw");
  QTest::addColumn<QByteArray>("shown");
  QTest::newRow("clear screen") << QByteArray("\x1b[2Jname") << QByteArray("\\e[2Jname");
  QTest::newRow("forged line") << QByteArray("a\r\nvitlens-cli: fake") << QByteArray("a\\r\\nvitlens-cli: fake");
  QTest::newRow("bell, tab, delete") << QByteArray("\x07\t\x7f") << QByteArray("\\x07\\t\\x7F");
  QTest::newRow("UTF-8 kept") << QByteArray("gato \xc3\xb1 \xe7\x8c\xab") << QByteArray("gato \xc3\xb1 \xe7\x8c\xab");
}

void TestSafeFiles::controlCharactersEscaped() {
  QFETCH(QByteArray, raw);
  QFETCH(QByteArray, shown);
  QCOMPARE(QByteArray::fromStdString(escapeControlCharacters(raw.toStdString())), shown);
}

void TestSafeFiles::longMessagesBounded() {
  std::string shape = "[";
  for (int i = 0; i < 100000; ++i) shape += "1, ";
  const std::string message = "model.safetensors: tensor 'x' has shape " + shape + "1] which is wrong";
  const std::string bounded = boundedMessage(message);
  QVERIFY2(bounded.size() <= 440, bounded.c_str());
  QVERIFY(bounded.rfind("model.safetensors: tensor 'x'", 0) == 0);      // the start says what it is about
  QVERIFY(QString::fromStdString(bounded).endsWith("which is wrong"));  // the end says what is wrong
  QVERIFY2(bounded.find("characters elided") != std::string::npos, bounded.c_str());
  QCOMPARE(boundedMessage("short"), std::string("short"));
  // Invalid UTF-8 (continuation bytes only) cannot drag the cut points back to the start.
  const std::string invalid = "file " + std::string(100000, '\x80');
  QVERIFY2(boundedMessage(invalid).size() <= 440, std::to_string(boundedMessage(invalid).size()).c_str());
  // Never cuts a multi-byte character in half.
  std::string chinese;
  for (int i = 0; i < 500; ++i) chinese += "\xe7\x8c\xab";
  QVERIFY(QString::fromUtf8(boundedMessage(chinese).c_str()).toUtf8().toStdString() == boundedMessage(chinese));
}

QTEST_MAIN(TestSafeFiles)
#include "tst_safe_files.moc"
