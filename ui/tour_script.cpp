#include "ui/tour_script.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>

namespace vitlens::ui {
namespace {

constexpr qint64 kMaxScriptBytes = 1 << 20;  // a tour is a few kilobytes; anything larger is not one

// The file's contents, or an empty array with `error` set (missing, unreadable, not a regular file, too large).
QByteArray readScript(const QString& path, QString* error) {
  QFile file(path);
  if (!file.exists()) return {};
  if (!file.open(QIODevice::ReadOnly) || file.isSequential()) {  // a FIFO or device must not block the window
    *error = QCoreApplication::translate("TourScript", "%1 could not be read").arg(path);
    return {};
  }
  if (file.size() > kMaxScriptBytes) {
    *error = QCoreApplication::translate("TourScript", "%1 is too large for a tour").arg(path);
    return {};
  }
  return file.readAll();
}

}  // namespace

const QStringList& TourScript::knownSteps() {
  static const QStringList ids = {QStringLiteral("image"),     QStringLiteral("patches"),   QStringLiteral("embedding"),
                                  QStringLiteral("positions"), QStringLiteral("attention"), QStringLiteral("heads"),
                                  QStringLiteral("rollout"),   QStringLiteral("answer"),    QStringLiteral("why")};
  return ids;
}

TourScript TourScript::fromJson(const QByteArray& json, QString* error) {
  QJsonParseError parseError;
  const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
  if (parseError.error != QJsonParseError::NoError) {
    *error = QCoreApplication::translate("TourScript", "not valid JSON: %1 at byte %2")
                 .arg(parseError.errorString())
                 .arg(parseError.offset);
    return {};
  }
  const QJsonArray steps = document.object().value(QStringLiteral("steps")).toArray();
  TourScript script;
  script.language_ = document.object().value(QStringLiteral("language")).toString();
  for (const QJsonValue& value : steps) {
    const QJsonObject step = value.toObject();
    TourStep parsed{step.value(QStringLiteral("id")).toString(), step.value(QStringLiteral("title")).toString(),
                    step.value(QStringLiteral("text")).toString(), step.value(QStringLiteral("hint")).toString()};
    if (parsed.title.isEmpty() && parsed.text.isEmpty()) continue;  // nothing to show
    script.steps_.append(parsed);
  }
  if (script.steps_.isEmpty()) {
    *error =
        QCoreApplication::translate("TourScript", "no steps (expected {\"steps\": [{\"title\": …, \"text\": …}]})");
    return {};
  }
  return script;
}

TourScript TourScript::load(const QString& language, QString* note) {
  if (note != nullptr) note->clear();
  QStringList languages;
  if (!language.isEmpty()) languages << language;
  if (language.contains(QLatin1Char('_'))) languages << language.section(QLatin1Char('_'), 0, 0);
  languages << QStringLiteral("en");
  for (const QString& candidate : languages) {
    const QString name = QStringLiteral("tour/tour_%1.json").arg(candidate);
    const QString teacherCopy = QStandardPaths::locate(QStandardPaths::AppDataLocation, name);
    if (!teacherCopy.isEmpty()) {
      QString error;
      const TourScript script = fromJson(readScript(teacherCopy, &error), &error);
      if (!script.isEmpty()) return script;
      if (note != nullptr && note->isEmpty()) {
        *note = QCoreApplication::translate("TourScript", "Your tour file %1 was not used: %2").arg(teacherCopy, error);
      }
    }
    QString error;
    const TourScript builtIn = fromJson(readScript(QStringLiteral(":/") + name, &error), &error);
    if (!builtIn.isEmpty()) return builtIn;
  }
  return {};
}

int TourScript::indexOf(const QString& id) const {
  for (int i = 0; i < steps_.size(); ++i) {
    if (steps_[i].id == id) return i;
  }
  return -1;
}

QString TourScript::fill(const QString& text, const QMap<QString, QString>& values) {
  static const QRegularExpression placeholder(QStringLiteral("\\{([A-Za-z][A-Za-z0-9]*)\\}"));
  QString filled;
  qsizetype last = 0;
  for (auto it = placeholder.globalMatch(text); it.hasNext();) {
    const QRegularExpressionMatch match = it.next();
    filled += text.mid(last, match.capturedStart() - last);
    const auto value = values.constFind(match.captured(1));
    filled += value != values.constEnd() ? *value : match.captured(0);
    last = match.capturedEnd();
  }
  return filled + text.mid(last);
}

}  // namespace vitlens::ui
