#pragma once
// Runs vitlens-cli (VITLENS_CLI_PATH, set by CMake) or another of the project's programs as a script would, and
// collects what it printed.
#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace {

struct Result {
  int exitCode = -1;
  QByteArray out;
  QByteArray err;
};

Result runProgram(const QString& program, const QStringList& arguments,
                  const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment()) {
  QProcess process;
  process.setProcessEnvironment(environment);
  process.start(program, arguments);
  if (!process.waitForFinished(120000)) return {};
  if (process.exitStatus() != QProcess::NormalExit) return {-2, {}, process.readAllStandardError()};
  return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

#ifdef VITLENS_CLI_PATH
Result runCli(const QStringList& arguments) { return runProgram(QStringLiteral(VITLENS_CLI_PATH), arguments); }
#endif

}  // namespace
