package org.srhfhir.server;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * A HAPI FHIR JPA server (R4, H2) for tests and demos.
 *
 * <p>HAPI's own configuration classes provide the storage, search, terminology, package and validation
 * services; {@link JpaServerConfig} adds the few beans HAPI expects the application to supply and
 * {@link FhirServletConfig} exposes them as a REST server at {@code /fhir}.
 */
@SpringBootApplication
@Import({
	HapiJpaConfig.class,
	JpaR4Config.class,
	JpaBatch2Config.class,
	Batch2JobsConfig.class,
	SubscriptionSubmitterConfig.class,
	SubscriptionChannelConfig.class,
	ThreadPoolFactoryConfig.class
})
public class FhirServerApplication {

	public static void main(String[] args) {
		ServerSettings settings = ServerSettings.fromEnvironment();
		SpringApplication app = new SpringApplication(FhirServerApplication.class);
		Map<String, Object> defaults = new HashMap<>();
		defaults.put("server.port", settings.port());
		defaults.put("server.address", settings.host());
		defaults.put("spring.datasource.url", settings.dbUrl());
		app.setDefaultProperties(defaults);
		app.addInitializers(context -> context.getBeanFactory().registerSingleton("serverSettings", settings));
		app.run(args);
	}
}
