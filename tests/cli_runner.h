#pragma once
// Runs vitlens-cli (VITLENS_CLI_PATH, set by CMake) as a script would and collects what it printed.
#include <QByteArray>
#include <QProcess>
#include <QStringList>

namespace {

struct Result {
  int exitCode = -1;
  QByteArray out;
  QByteArray err;
};

Result runCli(const QStringList& arguments) {
  QProcess process;
  process.start(VITLENS_CLI_PATH, arguments);
  if (!process.waitForFinished(120000)) return {};
  if (process.exitStatus() != QProcess::NormalExit) return {-2, {}, process.readAllStandardError()};
  return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

}  // namespace
