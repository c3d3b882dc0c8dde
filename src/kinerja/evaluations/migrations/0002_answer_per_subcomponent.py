# The LKE answered as the 88/2021 worksheet is: one answer per sub-component with the office's
# self-assessment and the evaluator's value, the criteria checked, a version; and the review record.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="evaluationanswer", name="evaluation_answer_unique_criterion"
        ),
        migrations.RemoveConstraint(
            model_name="evaluationanswer", name="evaluation_answer_known_grade"
        ),
        migrations.RenameField(model_name="evaluationanswer", old_name="criterion", new_name="item"),
    ]
