#pragma once
// The guided tour's texts (Help › Tour): one data file per language, resources/tour/tour_<language>.json, so a
// teacher can change what each step says without touching code. Words in {braces} are the model's and image's
// real numbers, filled in when a step is shown (ui/tour_facts.h).
#include <QByteArray>
#include <QMap>
#include <QString>
#include <QVector>

namespace vitlens::ui {

struct TourStep {
  QString id;  // what the step sets up: image, patches, embedding, positions, attention, heads, rollout, answer, why;
               // any other id is a text-only step a teacher added
  QString title;
  QString text;
  QString hint;  // what the learner can do now; may be empty
};

class TourScript {
 public:
  // The ids vitlens knows how to set up, in the order of its own tour.
  static const QStringList& knownSteps();

  // The steps for `language` ("en", "es", "zh_CN"; a longer locale name such as "es_MX" falls back to "es"): a
  // teacher's copy, <data dir>/tour/tour_<language>.json (QStandardPaths::AppDataLocation, e.g.
  // ~/.local/share/vitlens), first, then the built-in one, then English. `note`, when given, says why a teacher's
  // copy was passed over (unreadable or malformed), or is left empty.
  static TourScript load(const QString& language, QString* note = nullptr);
  // Parses one file's contents; an empty script and `error` set when it is not a tour.
  static TourScript fromJson(const QByteArray& json, QString* error);

  const QVector<TourStep>& steps() const { return steps_; }
  QString language() const { return language_; }
  bool isEmpty() const { return steps_.isEmpty(); }
  int indexOf(const QString& id) const;

  // {name} replaced by values[name]; a name without a value stays as written, so a typo shows instead of vanishing.
  static QString fill(const QString& text, const QMap<QString, QString>& values);

 private:
  QVector<TourStep> steps_;
  QString language_;
};

}  // namespace vitlens::ui
