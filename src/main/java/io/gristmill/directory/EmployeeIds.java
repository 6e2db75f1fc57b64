package io.gristmill.directory;

import java.util.regex.Pattern;

import io.gristmill.access.Refusal;

/** The one rule for employee ids in paths: 1-128 letters, digits, '_', '.', '@' or '-'. */
public final class EmployeeIds {
    private static final Pattern EMPLOYEE_ID = io.gristmill.access.Caller.EMPLOYEE_ID;

    private EmployeeIds() {
    }

    /** The id, or a 400 saying what an id may contain. */
    public static String checked(String value) {
        if (!EMPLOYEE_ID.matcher(value).matches()) {
            throw Refusal.invalid("Employee id must be 1-128 letters, digits, '_', '.', '@' or '-'");
        }
        return value;
    }
}
