package io.eventbank.query.web;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads {@link Paging} from the {@code page} and {@code size} query parameters, and refuses what API.md refuses: a
 * value out of bounds (never clamped), a value that is not a whole number in ASCII digits (an empty value included),
 * a parameter given twice, and any {@code sort}, as every list has one fixed order and so no sort key is known. All
 * that is wrong with the request is reported at once.
 */
class PagingResolver implements HandlerMethodArgumentResolver {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]+");

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Paging.class;
    }

    @Override
    public Paging resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
                                  WebDataBinderFactory binders) {
        List<InvalidParametersException.ParameterError> errors = new ArrayList<>();
        int page = number(request, "page", 0, Paging.MAX_PAGE, 0, errors);
        int size = number(request, "size", 1, Paging.MAX_SIZE, Paging.DEFAULT_SIZE, errors);
        if (request.getParameterValues("sort") != null) {
            errors.add(new InvalidParametersException.ParameterError("sort",
                    "unknown sort key: this list has a fixed order and takes no sort"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidParametersException(errors);
        }
        return new Paging(page, size);
    }

    private static int number(NativeWebRequest request, String name, int min, int max, int absent,
                              List<InvalidParametersException.ParameterError> errors) {
        String[] values = request.getParameterValues(name);
        if (values == null) {
            return absent;
        }
        String bounds = "from " + min + " to " + max;
        if (values.length > 1) {
            errors.add(new InvalidParametersException.ParameterError(name, "must be given once"));
        } else if (!WHOLE_NUMBER.matcher(values[0]).matches()) {
            errors.add(new InvalidParametersException.ParameterError(name, "must be a whole number " + bounds));
        } else {
            BigInteger value = new BigInteger(values[0]);
            if (value.compareTo(BigInteger.valueOf(min)) >= 0 && value.compareTo(BigInteger.valueOf(max)) <= 0) {
                return value.intValueExact();
            }
            errors.add(new InvalidParametersException.ParameterError(name, "must be " + bounds));
        }
        return absent;
    }
}
