#pragma once
// This process's memory as Linux reports it in /proc/self/status, for the tests that bound memory use.
#include <QByteArray>
#include <QFile>

#include <cstdint>

namespace {

// A "Vm..." field in kB ("VmRSS" resident now, "VmHWM" peak resident); 0 when unavailable.
int64_t procStatusKb(const char* field) {
  QFile status(QStringLiteral("/proc/self/status"));
  if (!status.open(QIODevice::ReadOnly)) return 0;
  const QByteArray prefix = QByteArray(field) + ':';
  for (const QByteArray& line : status.readAll().split('\n'))
    if (line.startsWith(prefix)) return line.mid(prefix.size()).trimmed().split(' ').first().toLongLong();
  return 0;
}

}  // namespace
