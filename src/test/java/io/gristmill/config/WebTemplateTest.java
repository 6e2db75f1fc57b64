package io.gristmill.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.gristmill.testing.LocalAws;

/**
 * The web app as template.yaml deploys it: a private bucket only CloudFront reads (origin access
 * control), security headers with a content security policy that allows no inline script, the
 * API open to that origin alone, and sign-in through the same issuer the JWT authorizer trusts.
 */
class WebTemplateTest {
    private static JsonNode resources() throws IOException {
        // CloudFormation tags (!Sub, !If) are read as their plain values.
        return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(LocalAws.projectDir().resolve("template.yaml"))).path("Resources");
    }

    @Test
    void the_bucket_is_private_and_read_only_by_the_distribution_through_origin_access_control() throws IOException {
        JsonNode resources = resources();
        JsonNode block = resources.at("/WebBucket/Properties/PublicAccessBlockConfiguration");
        assertThat(block.path("BlockPublicAcls").asBoolean() && block.path("BlockPublicPolicy").asBoolean()
                && block.path("IgnorePublicAcls").asBoolean() && block.path("RestrictPublicBuckets").asBoolean()).isTrue();
        JsonNode origin = resources.at("/WebDistribution/Properties/DistributionConfig/Origins/0");
        assertThat(origin.path("OriginAccessControlId").isMissingNode()).as("origin access control, not a public website").isFalse();
        JsonNode read = resources.at("/WebBucketPolicy/Properties/PolicyDocument/Statement/0");
        assertThat(read.at("/Principal/Service").asText()).isEqualTo("cloudfront.amazonaws.com");
        assertThat(read.at("/Action").asText()).isEqualTo("s3:GetObject");
        assertThat(read.at("/Condition/StringEquals").toString()).contains("AWS:SourceArn", "WebDistribution");
        assertThat(resources.at("/WebDistribution/Properties/DistributionConfig/DefaultCacheBehavior/ViewerProtocolPolicy").asText())
                .isEqualTo("redirect-to-https");
    }

    @Test
    void every_page_carries_a_content_security_policy_without_inline_script_and_the_other_security_headers() throws IOException {
        JsonNode headers = resources().at("/WebSecurityHeaders/Properties/ResponseHeadersPolicyConfig/SecurityHeadersConfig");
        String policy = headers.at("/ContentSecurityPolicy/ContentSecurityPolicy").toString();
        assertThat(policy).contains("script-src 'self';", "object-src 'none'", "frame-ancestors 'none'", "default-src 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(headers.at("/FrameOptions/FrameOption").asText()).isEqualTo("DENY");
        assertThat(headers.at("/StrictTransportSecurity/AccessControlMaxAgeSec").asInt()).isGreaterThanOrEqualTo(31_536_000);
        assertThat(headers.at("/ContentTypeOptions/Override").asBoolean()).isTrue();
        assertThat(resources().at("/WebDistribution/Properties/DistributionConfig/DefaultCacheBehavior/ResponseHeadersPolicyId").asText())
                .isEqualTo("WebSecurityHeaders");
    }

    @Test
    void the_api_answers_the_apps_origin_alone_and_trusts_the_issuer_the_app_signs_in_with() throws IOException {
        JsonNode api = resources().at("/HttpApi/Properties");
        assertThat(api.at("/CorsConfiguration/AllowOrigins").toString()).contains("WebDistribution.DomainName").doesNotContain("\"*\"");
        assertThat(api.at("/CorsConfiguration/AllowCredentials").asBoolean()).as("the app sends no cookies").isFalse();
        JsonNode jwt = api.at("/Auth/Authorizers/GristmillJwt/JwtConfiguration");
        assertThat(jwt.path("issuer").toString()).contains("CreateUserPool", "${UserPool}", "JwtIssuer");
        assertThat(jwt.path("audience").toString()).contains("WebUserPoolClient", "JwtAudience");
        JsonNode client = resources().at("/WebUserPoolClient/Properties");
        assertThat(client.path("GenerateSecret").asBoolean()).as("a browser keeps no secret: a public client with PKCE").isFalse();
        assertThat(client.path("AllowedOAuthFlows").toString()).isEqualTo("[\"code\"]");
        assertThat(client.path("CallbackURLs").toString()).contains("WebDistribution.DomainName");
    }

    /** A header the app sends that CORS does not allow fails only on AWS (the sandbox serves the app and the API as one origin). */
    @Test
    void cors_allows_every_request_header_the_app_sends() throws IOException {
        Set<String> sent = new TreeSet<>();
        Pattern quotedHeader = Pattern.compile("['\"]([A-Z][a-z]+(?:-[A-Z][a-z]+)+)['\"]\\s*:|\\b(Authorization)\\s*:");
        try (Stream<Path> sources = Files.list(Path.of("src/main/web/src"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".js")).toList()) {
                Matcher header = quotedHeader.matcher(Files.readString(source));
                while (header.find()) {
                    sent.add((header.group(1) != null ? header.group(1) : header.group(2)).toLowerCase(Locale.ROOT));
                }
            }
        }
        assertThat(sent).as("found the app's headers").contains("authorization", "content-type", "if-match");

        JsonNode allowed = resources().at("/HttpApi/Properties/CorsConfiguration/AllowHeaders");
        Set<String> allowedNames = new TreeSet<>();
        allowed.forEach(name -> allowedNames.add(name.asText().toLowerCase(Locale.ROOT)));
        assertThat(allowedNames).containsAll(sent);
    }
}
