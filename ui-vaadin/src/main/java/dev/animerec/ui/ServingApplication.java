package dev.animerec.ui;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.component.page.Viewport;
import com.vaadin.flow.server.AppShellSettings;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The serving application: the JSON API under {@code /api/v1} and the Vaadin UI at {@code /}, both reading the
 * version of Redis that {@code animerec:current} names. Started by {@code ./anime-rec serve}.
 */
// Nobody signs in (Spring Security is here for its headers): no generated user and password.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
@Viewport("width=device-width, initial-scale=1")
@Meta(name = "description", content = "Anime recommendations for MyAnimeList users")
public class ServingApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(ServingApplication.class, args);
    }

    /** A plain link keeps the look out of the frontend bundle, so the pre-compiled bundle still applies. */
    @Override
    public void configurePage(AppShellSettings settings) {
        settings.addLink("stylesheet", "styles/animerec.css");
    }
}
