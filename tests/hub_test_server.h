#pragma once
// tests/fixtures/hub_server.py, the loopback stand-in for the Hugging Face hub, started and stopped by a test.
#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QtTest>

#include <string>

namespace {

const QString kCommit = QStringLiteral("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678");

[[maybe_unused]] QByteArray readAll(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// One server with the given fault flags, on a port of its choosing; stopped on destruction.
class HubServer {
 public:
  HubServer(const QString& root, const QString& work, const QStringList& flags) : log_(work + "/requests.log") {
    const QString portFile = work + "/port";
    QFile::remove(portFile);
    QFile::remove(log_);
    process_.start(QStringLiteral("python3"),
                   QStringList{QStringLiteral(VITLENS_FIXTURES_DIR) + "/hub_server.py", "--root", root, "--commit",
                               kCommit, "--port-file", portFile, "--log", log_} +
                       flags);
    for (int i = 0; i < 200 && !QFile::exists(portFile); ++i) QTest::qWait(25);
    port_ = readAll(portFile).toInt();
  }
  ~HubServer() {
    process_.kill();
    process_.waitForFinished();
  }
  bool running() const { return port_ > 0; }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  QStringList requests() const { return QString::fromUtf8(readAll(log_)).split(QLatin1Char('\n'), Qt::SkipEmptyParts); }

 private:
  QProcess process_;
  QString log_;
  int port_ = 0;
};

}  // namespace
